import { UserAccount } from './modules/accounts/user.entity';
import { Structure } from './modules/structures/structure.entity';
import { OutboxEvent } from './platform/outbox/outbox-event.entity';
import { ProcessedEvent } from './platform/outbox/processed-event.entity';

/** Every entity mapped by TypeORM: the schema that migrations must match (checked by the drift test). */
export const ENTITIES = [OutboxEvent, ProcessedEvent, Structure, UserAccount];
