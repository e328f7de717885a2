package dev.tiramisu.discordemu.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.ExecutionContext;
import com.networknt.schema.SchemaContext;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.format.Format;
import com.networknt.schema.keyword.NonValidationKeyword;
import java.math.BigInteger;
import java.util.List;

/**
 * The OpenAPI 3.1 base dialect (JSON Schema 2020-12) as the schema library ships it, plus two
 * things Discord's document needs.
 *
 * <ul>
 *   <li>Keywords the library does not know (the document root's {@code openapi}, {@code paths},
 *       ..., and extensions such as {@code x-discord-union}) are inert annotations. OpenAPI allows
 *       them; the library would otherwise log a warning for each.
 *   <li>The OpenAPI formats {@code int32} and {@code int64} are asserted as ranges, as OpenAPI
 *       defines them. The spec uses {@code int32} on hundreds of integer fields ({@code flags},
 *       {@code type}, {@code position}, ...).
 * </ul>
 */
final class SpecDialect {

  private SpecDialect() {}

  static Dialect create() {
    return Dialect.builder(Dialects.getOpenApi31())
        .unknownKeywordFactory((keyword, context) -> new NonValidationKeyword(keyword))
        .formats(List.of(
            new IntegerRange("int32", BigInteger.valueOf(Integer.MIN_VALUE),
                BigInteger.valueOf(Integer.MAX_VALUE)),
            new IntegerRange("int64", BigInteger.valueOf(Long.MIN_VALUE),
                BigInteger.valueOf(Long.MAX_VALUE))))
        .build();
  }

  /** A format that holds for an integer within a range; other values are not its concern. */
  private record IntegerRange(String name, BigInteger min, BigInteger max) implements Format {
    @Override
    public String getName() {
      return name;
    }

    @Override
    public boolean matches(
        ExecutionContext executionContext, SchemaContext schemaContext, JsonNode value) {
      if (!value.isIntegralNumber()) {
        return true;
      }
      BigInteger n = value.bigIntegerValue();
      return n.compareTo(min) >= 0 && n.compareTo(max) <= 0;
    }
  }
}
