import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsArray, IsBoolean, IsIn, IsOptional } from 'class-validator';
import { PageQuery } from '../../../platform/http/pagination';
import { NOTIFICATION_KINDS } from '../notifications.rules';

export class NotificationListQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Seulement les notifications non lues', type: 'boolean' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'doit valoir true ou false' })
  unread?: boolean;
}

export class NotificationDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: NOTIFICATION_KINDS }) kind: string;
  @ApiProperty() title: string;
  @ApiProperty() body: string;
  @ApiProperty({ description: 'Page concernée de l’application web' }) link: string;
  @ApiProperty() createdAt: Date;
  @ApiProperty({ nullable: true, type: String }) readAt: Date | null;
}

export class UnreadCountDto {
  @ApiProperty({ type: 'integer' }) unread: number;
}

export class NotificationPreferencesDto {
  @ApiProperty({ enum: NOTIFICATION_KINDS, isArray: true, description: 'Types de notification que le compte ne reçoit pas par courriel (ils restent dans l’application)' })
  @IsArray({ message: 'doit être une liste' })
  @IsIn(NOTIFICATION_KINDS, { each: true, message: `ne contient que des types parmi : ${NOTIFICATION_KINDS.join(', ')}` })
  mutedKinds: string[];
}
