package dev.tiramisu.discordemu.rest;

import dev.tiramisu.discordemu.http.Router;

/** Registers every REST route the emulator serves. */
public final class Routes {
  private Routes() {}

  public static Router all(RouteContext ctx) {
    Router router = new Router();
    new UserRoutes(ctx).register(router);
    new CommandRoutes(ctx).register(router);
    new InteractionRoutes(ctx).register(router);
    new ChannelRoutes(ctx).register(router);
    new GuildRoutes(ctx).register(router);
    return router;
  }
}
