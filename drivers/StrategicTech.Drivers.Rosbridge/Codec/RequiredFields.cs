using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using StrategicTech.Drivers.Rosbridge.Messages;

namespace StrategicTech.Drivers.Rosbridge.Codec;

/// <summary>
/// Names the first field a JSON message lacks, walking the message's contract beside the JSON (objects, arrays of
/// messages, builtin_interfaces/Time). Runs only after a decode failed, to turn the serializer's complaint into
/// "<c>type.field.path missing</c>"; a message that decodes never pays for it.
/// </summary>
public static class RequiredFields
{
    private const int MaxDepth = 32;

    /// <summary>
    /// The dotted path (array elements as <c>poses[2]</c>) of the first required field (<see cref="RosJsonContracts"/>)
    /// that is missing or null, or null when none is.
    /// </summary>
    public static string? FindMissing(JsonElement message, JsonTypeInfo contract)
    {
        ArgumentNullException.ThrowIfNull(contract);
        return Walk(message, contract, "", 0);
    }

    private static string? Walk(JsonElement element, JsonTypeInfo contract, string path, int depth)
    {
        if (depth > MaxDepth)
        {
            return null;
        }

        if (contract.Type == typeof(RosTime))
        {
            return element.ValueKind != JsonValueKind.Object ? null
                : !Has(element, "sec", "secs") ? Join(path, "sec")
                : !Has(element, "nanosec", "nsecs") ? Join(path, "nanosec")
                : null;
        }

        if (contract.Kind == JsonTypeInfoKind.Object && element.ValueKind == JsonValueKind.Object)
        {
            foreach (JsonPropertyInfo property in contract.Properties)
            {
                if (!property.IsRequired)
                {
                    continue;
                }

                string fieldPath = Join(path, property.Name);
                if (!element.TryGetProperty(property.Name, out JsonElement value))
                {
                    return fieldPath;
                }

                if (value.ValueKind == JsonValueKind.Null)
                {
                    // A null float is NaN from peers that cannot spell NaN in JSON; any other null is a missing value.
                    if (property.PropertyType == typeof(double) || property.PropertyType == typeof(float))
                    {
                        continue;
                    }

                    return fieldPath;
                }

                string? inner = Walk(value, contract.Options.GetTypeInfo(property.PropertyType), fieldPath, depth + 1);
                if (inner is not null)
                {
                    return inner;
                }
            }

            return null;
        }

        if (contract.Kind == JsonTypeInfoKind.Enumerable && contract.ElementType is { } elementType && element.ValueKind == JsonValueKind.Array)
        {
            JsonTypeInfo elementContract = contract.Options.GetTypeInfo(elementType);
            if (elementContract.Kind != JsonTypeInfoKind.Object && elementType != typeof(RosTime))
            {
                return null;
            }

            int index = 0;
            foreach (JsonElement item in element.EnumerateArray())
            {
                string? inner = Walk(item, elementContract, $"{path}[{index}]", depth + 1);
                if (inner is not null)
                {
                    return inner;
                }

                index++;
            }
        }

        return null;
    }

    private static bool Has(JsonElement element, string ros2Name, string ros1Name) =>
        (element.TryGetProperty(ros2Name, out JsonElement v) && v.ValueKind != JsonValueKind.Null)
        || (element.TryGetProperty(ros1Name, out v) && v.ValueKind != JsonValueKind.Null);

    private static string Join(string path, string name) => path.Length == 0 ? name : path + "." + name;
}
