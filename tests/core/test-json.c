/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <json-glib/json-glib.h>

#include "liaison-json.h"

/* JSON strings valid for any value. */

static void
test_string_escapes (void)
{
  static const struct {
    const char *text;
    const char *json;
  } cases[] = {
    { "web01", "\"web01\"" },
    { "Zürich \"DNS\" C:\\", "\"Zürich \\\"DNS\\\" C:\\\\\"" },
    { "\b\f\n\r\t", "\"\\b\\f\\n\\r\\t\"" },
    { "\001\033\036\037\177", "\"\\u0001\\u001b\\u001e\\u001f\\u007f\"" },
    { "\302\233/", "\"\302\233/\"" },
    { "caf\351", "\"caf\357\277\275\"" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GString) out = g_string_new (NULL);

      liaison_json_append_string (out, cases[i].text);
      g_assert_cmpstr (out->str, ==, cases[i].json);
    }

  {
    g_autoptr(GString) out = g_string_new ("[");

    liaison_json_append_string (out, NULL);
    g_assert_cmpstr (out->str, ==, "[null");
  }
}

/* Every character from U+0001 to U+00FF: no raw control character, and a
 * JSON parser reads back the same text. */
static void
test_string_round_trip (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GString) json = g_string_new (NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  for (gunichar c = 1; c < 0x100; c++)
    g_string_append_unichar (text, c);
  liaison_json_append_string (json, text->str);
  for (gsize i = 0; i < json->len; i++)
    g_assert_cmpuint ((guchar) json->str[i], >=, 0x20);

  json_parser_load_from_data (parser, json->str, (gssize) json->len, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_node_get_string (json_parser_get_root (parser)), ==, text->str);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/json/string-escapes", test_string_escapes);
  g_test_add_func ("/json/string-round-trip", test_string_round_trip);

  return g_test_run ();
}
