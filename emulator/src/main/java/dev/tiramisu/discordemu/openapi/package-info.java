/**
 * Checks the emulator's HTTP traffic against Discord's own OpenAPI 3.1 description of API v10
 * ({@code shared/discord-api/openapi.json}), so that the emulator cannot drift into a dialect real
 * Discord would reject, and the bot cannot send what Discord would refuse.
 *
 * <h2>Use from the HTTP server</h2>
 *
 * <pre>{@code
 * OpenApiSpec spec = OpenApiSpec.load(sharedDir.resolve("discord-api/openapi.json")); // cached per JVM
 * OpenApiValidator validator = new OpenApiValidator(spec);
 *
 * // for every request (path without /api/v10, query decoded; for multipart pass payload_json)
 * List<Violation> problems =
 *     validator.validateRequest(method, path, queryParams, contentType, bodyBytes);
 * // for every response the emulator sends
 * problems = validator.validateResponse(method, path, status, contentType, responseBytes);
 * problems.forEach(v -> log.warn("{}", v)); // one line each; no bodies in them beyond field names
 * }</pre>
 *
 * <p>What the server does with violations (fail the test, answer 400 like Discord, log) is its
 * choice; this package only reports. {@link dev.tiramisu.discordemu.openapi.SpecOperation} from
 * {@link dev.tiramisu.discordemu.openapi.OpenApiSpec#match} also serves for routing: it gives the
 * template, the operationId and the decoded path parameters.
 *
 * <h2>What is checked</h2>
 *
 * <ul>
 *   <li>The route exists for the method (literal segments such as {@code @me} before {@code
 *       {params}}); otherwise the only violation is "no such route in the spec".
 *   <li>Path and query parameters against their schemas, after turning the strings into the JSON
 *       type their schema names ({@code limit=50} an integer, {@code wait=true} a boolean); unknown
 *       and repeated query parameters; required ones.
 *   <li>The body against the operation's {@code application/json} schema, including for {@code
 *       multipart/form-data} (its {@code payload_json} part); missing required bodies; bodies where
 *       the route takes none; content types the route does not accept.
 *   <li>Responses against the schema for their status (exact, {@code 4XX}, {@code default}); a
 *       204 has no body; undocumented 5xx against the generic error schema.
 *   <li>{@code format}: date-time, uri and the other JSON Schema formats, and OpenAPI's int32 and
 *       int64.
 * </ul>
 *
 * <p>Where the spec and Discord disagree, {@link dev.tiramisu.discordemu.openapi.SpecDeviations}
 * holds the only list of tolerated differences, each demonstrated by a test.
 *
 * <p>JSON Schema validation itself is networknt's json-schema-validator (2.x, Jackson 2) with the
 * OpenAPI 3.1 dialect; nothing here re-implements it.
 */
package dev.tiramisu.discordemu.openapi;
