package dev.tiramisu.discordemu.openapi;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.path.PathType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Discord's OpenAPI 3.1 description of HTTP API v10, loaded once per JVM per file.
 *
 * <p>Matches request paths to the spec's operations and hands out compiled JSON schemas for the
 * parts of an operation (parameters, request body, responses). Schemas are compiled lazily, the
 * first time a route is validated, and cached here, so every emulator of a test JVM shares them.
 * Instances are immutable apart from that cache and are safe to use from any thread.
 *
 * <p>The schemas are compiled by networknt's json-schema-validator with the OpenAPI 3.1 base
 * dialect (JSON Schema 2020-12). They are compiled in place inside the whole document (registered
 * under {@link #DOCUMENT_IRI}), so {@code $ref: "#/components/schemas/..."} resolves as in the
 * spec. {@code format} is asserted for the formats the library knows ({@code date-time}, {@code
 * uri}, ...) and for OpenAPI's {@code int32} and {@code int64} (see {@link SpecDialect});
 * Discord's own formats ({@code snowflake}, {@code nonce}) are annotations only: {@code
 * SnowflakeType} carries its own {@code pattern}.
 */
public final class OpenApiSpec {

  /**
   * The IRI the document is registered under. The {@code .invalid} host never resolves: the
   * library must never try to fetch anything.
   */
  static final String DOCUMENT_IRI = "https://discord-spec.invalid/api/v10/openapi.json";

  /** The only static mutable state: one loaded spec per file, shared by a JVM's emulators. */
  private static final Map<Path, OpenApiSpec> LOADED = new ConcurrentHashMap<>();

  private final Path source;
  private final JsonNode document;
  private final ObjectMapper mapper;
  private final RouteIndex routes = new RouteIndex();
  private final Map<String, OperationModel> operations = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> methodsByTemplate = new ConcurrentHashMap<>();
  private final Schema documentSchema;
  private final Map<String, Schema> compiled = new ConcurrentHashMap<>();
  private final Object compileLock = new Object();

  private OpenApiSpec(Path source, JsonNode document, ObjectMapper mapper) {
    this.source = source;
    this.document = document;
    this.mapper = mapper;
    JsonNode paths = document.path("paths");
    if (!paths.isObject() || paths.isEmpty()) {
      throw new IllegalArgumentException(source + " has no paths: not an OpenAPI document");
    }
    for (Map.Entry<String, JsonNode> path : paths.properties()) {
      for (Map.Entry<String, JsonNode> item : path.getValue().properties()) {
        String key = item.getKey();
        if (!HTTP_METHODS.contains(key)) {
          continue; // "parameters", "summary", ...
        }
        String method = key.toUpperCase(Locale.ROOT);
        OperationModel op = OperationModel.read(document, path.getKey(), method);
        routes.add(method, path.getKey(), op.operationId);
        operations.put(key(method, path.getKey()), op);
        methodsByTemplate.computeIfAbsent(path.getKey(), t -> ConcurrentHashMap.newKeySet())
            .add(method);
      }
    }
    SchemaRegistryConfig config =
        SchemaRegistryConfig.builder()
            .formatAssertionsEnabled(true)
            .pathType(PathType.JSON_POINTER)
            .locale(Locale.ROOT)
            .build();
    SchemaRegistry registry =
        SchemaRegistry.withDefaultDialect(
            SpecDialect.create(), builder -> builder.schemaRegistryConfig(config));
    // The document root is not itself a schema, but as a schema resource it is the base that
    // "#/components/schemas/X" resolves against. Its own keywords (openapi, paths, ...) are
    // unknown to JSON Schema and so inert.
    this.documentSchema = registry.getSchema(SchemaLocation.of(DOCUMENT_IRI), document);
  }

  private static final Set<String> HTTP_METHODS =
      Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

  /**
   * Loads (or returns the already loaded) spec at {@code openapiJson}.
   *
   * @throws UncheckedIOException if the file cannot be read
   * @throws IllegalArgumentException if it is not an OpenAPI document
   */
  public static OpenApiSpec load(Path openapiJson) {
    Path key = openapiJson.toAbsolutePath().normalize();
    return LOADED.computeIfAbsent(key, OpenApiSpec::read);
  }

  /** Reads a spec without the per-JVM cache (for tests that need a fresh, uncompiled one). */
  static OpenApiSpec read(Path file) {
    ObjectMapper mapper =
        new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    try (InputStream in = Files.newInputStream(file)) {
      return new OpenApiSpec(file, mapper.readTree(in), mapper);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the OpenAPI spec at " + file, e);
    }
  }

  /**
   * Finds the operation for {@code method} and {@code path}.
   *
   * @param method HTTP method, any case
   * @param path the request path without {@code /api/v10} (a leading {@code /api/v10} is
   *     ignored) and without a query string, e.g. {@code /channels/123/messages/456}. Segments
   *     may be percent-encoded; path parameters are returned decoded.
   */
  public Optional<SpecOperation> match(String method, String path) {
    String relative = path != null && path.startsWith(API_PREFIX)
        ? path.substring(API_PREFIX.length() - 1)
        : path;
    return routes.match(method.toUpperCase(Locale.ROOT), relative);
  }

  /** The spec's server path; a path that still carries it is matched without it. */
  private static final String API_PREFIX = "/api/v10/";

  /** The file this spec was read from. */
  public Path source() {
    return source;
  }

  /** The spec's {@code info.version}, e.g. {@code 10}. */
  public String version() {
    return document.path("info").path("version").asText();
  }

  /** Methods the spec documents for a path template; empty for an unknown template. */
  Set<String> methodsOf(String template) {
    return methodsByTemplate.getOrDefault(template, Set.of());
  }

  OperationModel operation(SpecOperation op) {
    OperationModel model = operations.get(key(op.method(), op.pathTemplate()));
    if (model == null) {
      throw new IllegalArgumentException("not an operation of this spec: " + op);
    }
    return model;
  }

  ObjectMapper mapper() {
    return mapper;
  }

  JsonNode node(String pointer) {
    return document.at(pointer);
  }

  /**
   * The compiled schema at a JSON pointer into the document, compiled on first use and cached.
   * Compilation is serialised (the library's lazy {@code $ref} resolution shares state per
   * document); lookups after that are lock-free.
   */
  Schema schema(String pointer) {
    Schema schema = compiled.get(pointer);
    if (schema != null) {
      return schema;
    }
    synchronized (compileLock) {
      schema = compiled.get(pointer);
      if (schema == null) {
        schema = documentSchema.getSubSchema(SchemaLocation.Fragment.of(pointer));
        if (schema == null) {
          throw new IllegalStateException("no schema at " + pointer + " in " + source);
        }
        schema.initializeValidators();
        compiled.put(pointer, schema);
      }
      return schema;
    }
  }

  private static String key(String method, String template) {
    return method + ' ' + template;
  }
}
