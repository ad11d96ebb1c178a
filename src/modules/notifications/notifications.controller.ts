import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../../platform/auth/access.decorators';
import type { Principal } from '../../platform/auth/principal';
import { ROLES } from '../../platform/auth/roles';
import { pageDtoOf } from '../../platform/http/pagination';
import { UuidParamPipe } from '../../platform/http/uuid-param.pipe';
import { NotificationDto, NotificationListQuery, NotificationPreferencesDto, UnreadCountDto } from './dto/notifications.dto';
import { NotificationsService } from './notifications.service';

const NotificationPageDto = pageDtoOf('NotificationPageDto', NotificationDto);

@ApiTags('Notifications')
@ApiBearerAuth()
@Roles(...ROLES)
@Controller()
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get('notifications')
  @ApiOperation({ summary: 'Mes notifications, les plus récentes d’abord' })
  @ApiResponse({ status: 200, type: NotificationPageDto })
  list(@CurrentPrincipal() principal: Principal, @Query() query: NotificationListQuery) {
    return this.notifications.list(principal, query);
  }

  @Get('notifications/unread-count')
  @ApiOperation({ summary: 'Nombre de mes notifications non lues (la cloche)' })
  @ApiResponse({ status: 200, type: UnreadCountDto })
  async unreadCount(@CurrentPrincipal() principal: Principal) {
    return { unread: await this.notifications.unreadCount(principal) };
  }

  @Post('notifications/read-all')
  @HttpCode(200)
  @ApiOperation({ summary: 'Marquer toutes mes notifications comme lues' })
  async readAll(@CurrentPrincipal() principal: Principal) {
    return { marked: await this.notifications.readAll(principal) };
  }

  @Post('notifications/:id/read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Marquer une notification comme lue' })
  @ApiResponse({ status: 200, type: NotificationDto })
  read(@CurrentPrincipal() principal: Principal, @Param('id', new UuidParamPipe()) id: string) {
    return this.notifications.read(principal, id);
  }

  @Get('account/notification-preferences')
  @ApiOperation({ summary: 'Types de notification que je peux recevoir, et ceux que je ne veux pas par courriel' })
  @ApiResponse({ status: 200, type: NotificationPreferencesDto })
  preferences(@CurrentPrincipal() principal: Principal) {
    return this.notifications.preferences(principal);
  }

  @Put('account/notification-preferences')
  @ApiOperation({ summary: 'Choisir les types de notification à ne pas recevoir par courriel' })
  @ApiResponse({ status: 200, type: NotificationPreferencesDto })
  setPreferences(@CurrentPrincipal() principal: Principal, @Body() body: NotificationPreferencesDto) {
    return this.notifications.setMutedKinds(principal, body.mutedKinds);
  }
}
