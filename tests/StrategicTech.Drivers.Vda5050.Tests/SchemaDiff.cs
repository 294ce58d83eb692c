using System.Text.Json;

namespace StrategicTech.Drivers.Vda5050.Tests;

/// <summary>
/// Flattens a VDA 5050 JSON schema (internal $refs resolved) into one line per member path, e.g.
/// <c>state.powerSupply!.stateOfCharge! : number</c> ("!" marks a required member, "[]" an array item), and lists the
/// differences between two versions of a message: "- path : signature" removed, "+ ..." added, "~ path : old -> new".
/// </summary>
internal static class SchemaDiff
{
    public static List<string> Between(string oldSchemaPath, string newSchemaPath, string message)
    {
        SortedDictionary<string, string> before = Flatten(oldSchemaPath, message), after = Flatten(newSchemaPath, message);
        var lines = new List<string>();
        foreach (string path in before.Keys.Union(after.Keys).Order(StringComparer.Ordinal))
        {
            bool inOld = before.TryGetValue(path, out string? a), inNew = after.TryGetValue(path, out string? b);
            if (!inNew)
            {
                lines.Add($"- {path} : {a}");
            }
            else if (!inOld)
            {
                lines.Add($"+ {path} : {b}");
            }
            else if (a != b)
            {
                lines.Add($"~ {path} : {a} -> {b}");
            }
        }

        return lines;
    }

    private static SortedDictionary<string, string> Flatten(string schemaPath, string message)
    {
        JsonElement root = JsonDocument.Parse(File.ReadAllText(schemaPath)).RootElement.Clone();
        var members = new SortedDictionary<string, string>(StringComparer.Ordinal);
        Walk(root, root, message, members, []);
        return members;
    }

    private static void Walk(JsonElement root, JsonElement schema, string path, SortedDictionary<string, string> members, HashSet<string> refs)
    {
        if (schema.TryGetProperty("$ref", out JsonElement reference))
        {
            string name = reference.GetString()!;
            if (!refs.Add(name))
            {
                members[path] = "recursive " + name;
                return;
            }

            JsonElement target = root;
            foreach (string part in name[2..].Split('/'))
            {
                target = target.GetProperty(part);
            }

            Walk(root, target, path, members, refs);
            refs.Remove(name);
            return;
        }

        members[path] = Signature(schema);
        var required = new HashSet<string>(StringComparer.Ordinal);
        if (schema.TryGetProperty("required", out JsonElement req))
        {
            foreach (JsonElement r in req.EnumerateArray())
            {
                required.Add(r.GetString()!);
            }
        }

        if (schema.TryGetProperty("properties", out JsonElement properties))
        {
            foreach (JsonProperty p in properties.EnumerateObject())
            {
                Walk(root, p.Value, $"{path}.{p.Name}{(required.Contains(p.Name) ? "!" : string.Empty)}", members, refs);
            }
        }

        if (schema.TryGetProperty("items", out JsonElement items))
        {
            Walk(root, items, path + "[]", members, refs);
        }
    }

    private static string Signature(JsonElement schema)
    {
        string type = !schema.TryGetProperty("type", out JsonElement t) ? "any"
            : t.ValueKind == JsonValueKind.Array ? string.Join('|', t.EnumerateArray().Select(x => x.GetString()))
            : t.GetString()!;
        return schema.TryGetProperty("enum", out JsonElement e) ? $"{type} [{string.Join(", ", e.EnumerateArray().Select(x => x.ToString()))}]" : type;
    }
}
