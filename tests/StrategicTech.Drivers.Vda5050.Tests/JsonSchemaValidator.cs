using System.Globalization;
using System.Text.Json;

namespace StrategicTech.Drivers.Vda5050.Tests;

/// <summary>
/// A small JSON Schema (draft 2020-12 subset) validator covering exactly the keywords the VDA 5050 schemas use:
/// type (one or a list), required, properties, additionalProperties, items, enum, const, minimum, maximum,
/// minItems, allOf, if/then/else, format date-time, and internal $ref ("#/definitions/..", "#/$defs/.."). Unknown
/// annotation keywords (title, description, examples, subtopic, unit) are ignored, as the standard says.
/// </summary>
internal sealed class JsonSchemaValidator
{
    private readonly JsonElement _root;

    private JsonSchemaValidator(JsonElement root) => _root = root;

    public static JsonSchemaValidator Load(string path) => new(JsonDocument.Parse(File.ReadAllText(path)).RootElement.Clone());

    /// <summary>
    /// True: a member the schema object does not list is an error too. The VDA 5050 schemas allow any extra member
    /// (no additionalProperties), so only this catches a member of another version's layout sent by mistake.
    /// </summary>
    public bool Strict { get; init; }

    public static JsonSchemaValidator LoadStrict(string path) => new(JsonDocument.Parse(File.ReadAllText(path)).RootElement.Clone()) { Strict = true };

    /// <summary>A schema given as JSON text (tests of the validator itself).</summary>
    public static JsonSchemaValidator FromText(string schemaJson, bool strict) => new(JsonDocument.Parse(schemaJson).RootElement.Clone()) { Strict = strict };

    public List<string> Validate(JsonElement instance)
    {
        var errors = new List<string>();
        Check(_root, instance, "$", errors, owner: true);
        return errors;
    }

    /// <param name="owner">
    /// False when <paramref name="schema"/> is applied in place to the same instance ($ref, allOf, then, else): the
    /// strict unknown-member check then belongs to the schema that applied it, which sees the members of every
    /// subschema that applies (a RELEASE zone's releaseLossBehavior is defined only under its if/then).
    /// </param>
    private void Check(JsonElement schema, JsonElement value, string path, List<string> errors, bool owner)
    {
        if (schema.ValueKind == JsonValueKind.True)
        {
            return;
        }

        if (schema.ValueKind == JsonValueKind.False)
        {
            errors.Add($"{path}: not allowed");
            return;
        }

        if (schema.TryGetProperty("$ref", out JsonElement reference))
        {
            Check(Resolve(reference.GetString()!), value, path, errors, owner: false);
        }

        if (schema.TryGetProperty("allOf", out JsonElement allOf))
        {
            foreach (JsonElement s in allOf.EnumerateArray())
            {
                Check(s, value, path, errors, owner: false);
            }
        }

        if (ConditionalBranch(schema, value) is JsonElement branch)
        {
            Check(branch, value, path, errors, owner: false);
        }

        if (schema.TryGetProperty("type", out JsonElement type) && !TypeMatches(type, value))
        {
            errors.Add($"{path}: expected type {type.GetRawText()}, got {value.ValueKind}");
            return;
        }

        if (schema.TryGetProperty("enum", out JsonElement enumeration) && !enumeration.EnumerateArray().Any(e => JsonElement.DeepEquals(e, value)))
        {
            errors.Add($"{path}: {value.GetRawText()} is not one of {enumeration.GetRawText()}");
        }

        if (schema.TryGetProperty("const", out JsonElement constant) && !JsonElement.DeepEquals(constant, value))
        {
            errors.Add($"{path}: {value.GetRawText()} differs from const {constant.GetRawText()}");
        }

        if (value.ValueKind == JsonValueKind.Number)
        {
            double x = value.GetDouble();
            if (schema.TryGetProperty("minimum", out JsonElement min) && x < min.GetDouble())
            {
                errors.Add($"{path}: {x.ToString(CultureInfo.InvariantCulture)} < minimum {min.GetRawText()}");
            }

            if (schema.TryGetProperty("maximum", out JsonElement max) && x > max.GetDouble())
            {
                errors.Add($"{path}: {x.ToString(CultureInfo.InvariantCulture)} > maximum {max.GetRawText()}");
            }
        }

        if (value.ValueKind == JsonValueKind.String && schema.TryGetProperty("format", out JsonElement format) && format.GetString() == "date-time"
            && !DateTimeOffset.TryParseExact(value.GetString(), ["yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mm:ssK"], CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            errors.Add($"{path}: '{value.GetString()}' is not an RFC 3339 date-time");
        }

        if (value.ValueKind == JsonValueKind.Object)
        {
            CheckObject(schema, value, path, errors, owner);
        }

        if (value.ValueKind == JsonValueKind.Array)
        {
            if (schema.TryGetProperty("minItems", out JsonElement minItems) && value.GetArrayLength() < minItems.GetInt32())
            {
                errors.Add($"{path}: {value.GetArrayLength()} items < minItems {minItems.GetInt32()}");
            }

            if (schema.TryGetProperty("items", out JsonElement items))
            {
                int k = 0;
                foreach (JsonElement item in value.EnumerateArray())
                {
                    Check(items, item, $"{path}[{k++}]", errors, owner: true);
                }
            }
        }
    }

    /// <summary>if/then/else: the branch that applies (then when the instance validates against if, else otherwise), or none.</summary>
    private JsonElement? ConditionalBranch(JsonElement schema, JsonElement value)
    {
        if (!schema.TryGetProperty("if", out JsonElement condition))
        {
            return null;
        }

        var scratch = new List<string>();
        Check(condition, value, "$if", scratch, owner: false);
        string branch = scratch.Count == 0 ? "then" : "else";
        return schema.TryGetProperty(branch, out JsonElement chosen) ? chosen : null;
    }

    /// <summary>Member names defined by the schema's properties and by every in-place subschema that applies to the instance.</summary>
    private bool CollectDefinedMembers(JsonElement schema, JsonElement value, HashSet<string> names)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        bool any = false;
        if (schema.TryGetProperty("properties", out JsonElement properties) && properties.ValueKind == JsonValueKind.Object)
        {
            any = true;
            foreach (JsonProperty p in properties.EnumerateObject())
            {
                names.Add(p.Name);
            }
        }

        if (schema.TryGetProperty("$ref", out JsonElement reference))
        {
            any |= CollectDefinedMembers(Resolve(reference.GetString()!), value, names);
        }

        if (schema.TryGetProperty("allOf", out JsonElement allOf))
        {
            foreach (JsonElement s in allOf.EnumerateArray())
            {
                any |= CollectDefinedMembers(s, value, names);
            }
        }

        if (ConditionalBranch(schema, value) is JsonElement branch)
        {
            any |= CollectDefinedMembers(branch, value, names);
        }

        return any;
    }

    private void CheckObject(JsonElement schema, JsonElement value, string path, List<string> errors, bool owner)
    {
        if (schema.TryGetProperty("required", out JsonElement required))
        {
            foreach (JsonElement name in required.EnumerateArray())
            {
                if (!value.TryGetProperty(name.GetString()!, out _))
                {
                    errors.Add($"{path}: required property '{name.GetString()}' is missing");
                }
            }
        }

        schema.TryGetProperty("properties", out JsonElement properties);
        bool hasAdditional = schema.TryGetProperty("additionalProperties", out JsonElement additional);
        HashSet<string>? defined = null;
        if (Strict && owner && !hasAdditional)
        {
            defined = new HashSet<string>(StringComparer.Ordinal);
            if (!CollectDefinedMembers(schema, value, defined))
            {
                defined = null; // a schema that defines no members (a free-form object) accepts any
            }
        }

        foreach (JsonProperty p in value.EnumerateObject())
        {
            if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(p.Name, out JsonElement propertySchema))
            {
                Check(propertySchema, p.Value, $"{path}.{p.Name}", errors, owner: true);
            }
            else if (hasAdditional)
            {
                Check(additional, p.Value, $"{path}.{p.Name}", errors, owner: true);
            }
            else if (defined is not null && !defined.Contains(p.Name))
            {
                errors.Add($"{path}.{p.Name}: not a member the schema defines");
            }
        }
    }

    private JsonElement Resolve(string reference)
    {
        if (!reference.StartsWith("#/", StringComparison.Ordinal))
        {
            throw new NotSupportedException($"external $ref '{reference}'");
        }

        JsonElement node = _root;
        foreach (string part in reference[2..].Split('/'))
        {
            node = node.GetProperty(part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal));
        }

        return node;
    }

    private static bool TypeMatches(JsonElement type, JsonElement value)
    {
        if (type.ValueKind == JsonValueKind.Array)
        {
            return type.EnumerateArray().Any(t => TypeMatches(t, value));
        }

        return type.GetString() switch
        {
            "object" => value.ValueKind == JsonValueKind.Object,
            "array" => value.ValueKind == JsonValueKind.Array,
            "string" => value.ValueKind == JsonValueKind.String,
            "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
            "null" => value.ValueKind == JsonValueKind.Null,
            "number" => value.ValueKind == JsonValueKind.Number,
            "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out decimal d) && d == decimal.Truncate(d),
            _ => throw new NotSupportedException($"type '{type.GetString()}'"),
        };
    }
}
