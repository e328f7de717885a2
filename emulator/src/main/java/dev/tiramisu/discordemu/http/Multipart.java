package dev.tiramisu.discordemu.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** A small multipart/form-data reader for Discord's uploads: a payload_json part and files[n] parts. */
public final class Multipart {
  private Multipart() {}

  /** One part of the body. */
  public record Part(String name, String filename, String contentType, byte[] data) {
    public String text() {
      return new String(data, StandardCharsets.UTF_8);
    }
  }

  public static String boundary(String contentType) {
    for (String piece : contentType.split(";")) {
      String p = piece.trim();
      if (p.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
        String b = p.substring("boundary=".length());
        return b.startsWith("\"") && b.endsWith("\"") ? b.substring(1, b.length() - 1) : b;
      }
    }
    throw new IllegalArgumentException("multipart body without a boundary");
  }

  public static List<Part> parse(byte[] body, String boundary) {
    byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    List<Part> parts = new ArrayList<>();
    int pos = indexOf(body, delimiter, 0);
    while (pos >= 0) {
      int start = pos + delimiter.length;
      if (start + 1 < body.length && body[start] == '-' && body[start + 1] == '-') {
        break; // closing delimiter
      }
      start = skipCrlf(body, start);
      int next = indexOf(body, delimiter, start);
      if (next < 0) {
        break;
      }
      int end = next;
      if (end >= 2 && body[end - 2] == '\r' && body[end - 1] == '\n') {
        end -= 2;
      }
      parts.add(parsePart(Arrays.copyOfRange(body, start, end)));
      pos = next;
    }
    return parts;
  }

  private static Part parsePart(byte[] raw) {
    byte[] sep = "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
    int headerEnd = indexOf(raw, sep, 0);
    String headers = headerEnd < 0 ? "" : new String(raw, 0, headerEnd, StandardCharsets.UTF_8);
    byte[] data = headerEnd < 0 ? raw : Arrays.copyOfRange(raw, headerEnd + sep.length, raw.length);
    String name = null;
    String filename = null;
    String contentType = null;
    for (String line : headers.split("\r\n")) {
      String lower = line.toLowerCase(Locale.ROOT);
      if (lower.startsWith("content-disposition:")) {
        name = attribute(line, "name");
        filename = attribute(line, "filename");
      } else if (lower.startsWith("content-type:")) {
        contentType = line.substring("content-type:".length()).trim();
      }
    }
    return new Part(name, filename, contentType, data);
  }

  private static String attribute(String header, String key) {
    for (String piece : header.split(";")) {
      String p = piece.trim();
      if (p.startsWith(key + "=")) {
        String v = p.substring(key.length() + 1);
        return v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
      }
    }
    return null;
  }

  private static int skipCrlf(byte[] b, int i) {
    return i + 1 < b.length && b[i] == '\r' && b[i + 1] == '\n' ? i + 2 : i;
  }

  private static int indexOf(byte[] haystack, byte[] needle, int from) {
    outer:
    for (int i = from; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
