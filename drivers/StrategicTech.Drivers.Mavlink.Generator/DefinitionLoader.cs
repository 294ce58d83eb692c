using System.Globalization;
using System.Xml.Linq;

namespace StrategicTech.Drivers.Mavlink.Generator;

/// <summary>
/// Reads MAVLink XML dialect files and their includes into a model: files, messages and merged enums.
/// Only facts are kept (ids, names, types, units, enum values); description prose is dropped.
/// </summary>
public sealed class DefinitionLoader
{
    private readonly string _definitionsDirectory;
    private readonly Dictionary<string, DialectFile> _files = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EnumDefinition> _enums = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, int>> _enumEntryCountsByFile = new(StringComparer.Ordinal);

    public DefinitionLoader(string definitionsDirectory)
    {
        _definitionsDirectory = definitionsDirectory;
    }

    public IReadOnlyDictionary<string, DialectFile> Files => _files;

    public IReadOnlyDictionary<string, EnumDefinition> Enums => _enums;

    /// <summary>Loads a dialect by file name (e.g. <c>common.xml</c>) and, recursively, everything it includes.</summary>
    public void Load(string fileName)
    {
        string name = Path.GetFileNameWithoutExtension(fileName);
        if (_files.ContainsKey(name))
        {
            return;
        }

        string path = Path.Combine(_definitionsDirectory, name + ".xml");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"MAVLink definition '{path}' not found", path);
        }

        XElement root = XDocument.Load(path).Root ?? throw new InvalidDataException($"{path}: empty XML document");
        var includes = root.Elements("include").Select(e => Path.GetFileNameWithoutExtension(e.Value.Trim())).ToList();
        var messages = new List<MessageDefinition>();
        // Register before recursing so include cycles terminate.
        _files[name] = new DialectFile(name, includes, messages);
        foreach (string include in includes)
        {
            Load(include + ".xml");
        }

        foreach (XElement enumElement in root.Elements("enums").Elements("enum"))
        {
            ReadEnum(name, path, enumElement);
        }

        foreach (XElement messageElement in root.Elements("messages").Elements("message"))
        {
            messages.Add(ReadMessage(name, path, messageElement));
        }
    }

    /// <summary>After loading: picks each enum's owning file and the widths of fields that use it.</summary>
    public void Resolve()
    {
        foreach (var (enumName, definition) in _enums)
        {
            // The owner is the file that declares most of its entries (common.xml for MAV_CMD).
            definition.OwnerFile = _enumEntryCountsByFile[enumName]
                .OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).First().Key;
        }

        foreach (var message in _files.Values.SelectMany(f => f.Messages))
        {
            foreach (var field in message.Fields)
            {
                if (field.EnumName is not null && !field.IsArray && _enums.TryGetValue(field.EnumName, out var e))
                {
                    e.WidestFieldBytes = Math.Max(e.WidestFieldBytes, field.ElementSize);
                }
            }
        }
    }

    /// <summary>The file itself and everything it includes, transitively, in a stable order (includes first).</summary>
    public IReadOnlyList<string> Closure(string name)
    {
        var result = new List<string>();
        Visit(name, result, new HashSet<string>(StringComparer.Ordinal));
        return result;
    }

    private void Visit(string name, List<string> result, HashSet<string> seen)
    {
        if (!seen.Add(name))
        {
            return;
        }

        foreach (string include in _files[name].Includes)
        {
            Visit(include, result, seen);
        }

        result.Add(name);
    }

    private void ReadEnum(string fileName, string path, XElement element)
    {
        string enumName = Required(element, "name", path);
        bool bitmask = string.Equals((string?)element.Attribute("bitmask"), "true", StringComparison.OrdinalIgnoreCase);
        if (!_enums.TryGetValue(enumName, out var definition))
        {
            definition = new EnumDefinition(enumName, fileName, bitmask);
            _enums[enumName] = definition;
            _enumEntryCountsByFile[enumName] = new Dictionary<string, int>(StringComparer.Ordinal);
        }

        definition.IsBitmask |= bitmask;
        var counts = _enumEntryCountsByFile[enumName];
        counts.TryGetValue(fileName, out int count);
        ulong next = definition.Entries.Count == 0 ? 0 : definition.Entries[^1].Value + 1;
        foreach (XElement entry in element.Elements("entry"))
        {
            string entryName = Required(entry, "name", path);
            string? valueText = (string?)entry.Attribute("value");
            ulong value = valueText is null ? next : ParseValue(valueText, path, entryName);
            if (definition.Entries.Any(e => e.Name == entryName))
            {
                continue;
            }

            definition.Entries.Add(new EnumEntryDefinition(entryName, value, fileName));
            next = value + 1;
            count++;
        }

        counts[fileName] = count;
    }

    private static ulong ParseValue(string text, string path, string entryName)
    {
        text = text.Trim();
        bool ok = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? ulong.TryParse(text.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out ulong value)
            : text.StartsWith("2**", StringComparison.Ordinal)
                ? TryPowerOfTwo(text.AsSpan(3), out value)
                : ulong.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value);
        return ok ? value : throw new InvalidDataException($"{path}: enum entry {entryName} has value '{text}', not an unsigned integer");
    }

    private static bool TryPowerOfTwo(ReadOnlySpan<char> exponentText, out ulong value)
    {
        bool ok = int.TryParse(exponentText, NumberStyles.Integer, CultureInfo.InvariantCulture, out int exponent) && exponent is >= 0 and < 64;
        value = ok ? 1UL << exponent : 0;
        return ok;
    }

    private static MessageDefinition ReadMessage(string fileName, string path, XElement element)
    {
        string name = Required(element, "name", path);
        string idText = Required(element, "id", path);
        if (!uint.TryParse(idText, NumberStyles.Integer, CultureInfo.InvariantCulture, out uint id) || id > 0xFFFFFF)
        {
            throw new InvalidDataException($"{path}: message {name} has id '{idText}', not a 24-bit unsigned integer");
        }

        var fields = new List<FieldDefinition>();
        bool inExtensions = false;
        foreach (XElement child in element.Elements())
        {
            if (child.Name.LocalName == "extensions")
            {
                inExtensions = true;
                continue;
            }

            if (child.Name.LocalName != "field")
            {
                continue;
            }

            string fieldName = Required(child, "name", path);
            string type = Required(child, "type", path);
            (string baseType, int length) = SplitType(type, path, name, fieldName);
            fields.Add(new FieldDefinition(
                fieldName,
                baseType,
                length,
                inExtensions,
                NullIfEmpty((string?)child.Attribute("units")),
                NullIfEmpty((string?)child.Attribute("enum"))));
        }

        return new MessageDefinition(id, name, fileName, fields);
    }

    private static (string BaseType, int Length) SplitType(string type, string path, string message, string field)
    {
        if (type == "uint8_t_mavlink_version")
        {
            return ("uint8_t", 0);
        }

        int bracket = type.IndexOf('[', StringComparison.Ordinal);
        string baseType = bracket < 0 ? type : type[..bracket];
        int length = 0;
        if (bracket >= 0 && (!int.TryParse(type.AsSpan(bracket + 1, type.Length - bracket - 2), NumberStyles.Integer, CultureInfo.InvariantCulture, out length) || length is < 1 or > 255))
        {
            throw new InvalidDataException($"{path}: {message}.{field} has type '{type}' with a bad array length");
        }

        _ = WireTypes.SizeOf(baseType);
        return (baseType, length);
    }

    private static string Required(XElement element, string attribute, string path) =>
        (string?)element.Attribute(attribute) is { Length: > 0 } value
            ? value
            : throw new InvalidDataException($"{path}: <{element.Name.LocalName}> without '{attribute}' attribute near {element}");

    private static string? NullIfEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
