import { Injectable, OnApplicationBootstrap, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { WEB_PAGE_KEY } from '../web/web-request';
import { PUBLIC_KEY, ROLES_KEY } from './access.decorators';
import { Role } from './roles';

export interface RouteAccess {
  method: string;
  path: string;
  /** `public` for routes without a token, otherwise the roles that may call it. */
  access: 'public' | Role[];
  /** A page of the web application (session and CSRF) rather than the API (bearer token). */
  web: boolean;
}

function joinPath(...parts: (string | undefined)[]): string {
  return '/' + parts.filter((part) => part && part !== '/').map((part) => part!.replace(/^\/|\/$/g, '')).join('/');
}

/** Every HTTP route of the application with the access it declares (undefined: it declares none). */
export function describeRoutes(discovery: DiscoveryService, scanner: MetadataScanner, reflector: Reflector) {
  return discovery.getControllers().flatMap((wrapper) => {
    const controller = wrapper.metatype as (new (...args: never[]) => object) | undefined;
    if (!controller || !wrapper.instance) return [];
    const prototype = Object.getPrototypeOf(wrapper.instance) as object;
    const base = Reflect.getMetadata(PATH_METADATA, controller) as string | undefined;
    return scanner.getAllMethodNames(prototype).flatMap((name) => {
      const handler = (prototype as Record<string, unknown>)[name] as (...args: unknown[]) => unknown;
      const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
      if (path === undefined) return [];
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
      const isPublic = reflector.getAllAndOverride<boolean>(PUBLIC_KEY, [handler, controller]);
      const roles = reflector.getAllAndOverride<Role[]>(ROLES_KEY, [handler, controller]);
      const access: RouteAccess['access'] | undefined = isPublic ? 'public' : roles;
      const web = reflector.getAllAndOverride<boolean>(WEB_PAGE_KEY, [handler, controller]) ?? false;
      return [{ method, path: joinPath(base, path), access, web, handler: `${controller.name}.${name}` }];
    });
  });
}

/** Refuses to start when a route does not say who may call it: no route is open by omission. */
@Injectable()
export class RouteAccessCheck implements OnApplicationBootstrap {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  routes(): RouteAccess[] {
    return describeRoutes(this.discovery, this.scanner, this.reflector).map(({ method, path, access, web }) => ({
      method,
      path,
      access: access ?? [],
      web,
    }));
  }

  onApplicationBootstrap(): void {
    const undeclared = describeRoutes(this.discovery, this.scanner, this.reflector).filter(
      (route) => route.access === undefined || (Array.isArray(route.access) && route.access.length === 0),
    );
    if (undeclared.length > 0) {
      throw new Error(`Routes without @Roles or @Public: ${undeclared.map((route) => route.handler).join(', ')}`);
    }
  }
}
