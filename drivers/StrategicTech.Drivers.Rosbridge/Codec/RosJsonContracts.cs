using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace StrategicTech.Drivers.Rosbridge.Codec;

/// <summary>
/// The decoding contracts: <see cref="RosJsonContext"/> with every property required. Positional record classes
/// already require their constructor parameters, but System.Text.Json builds record structs (Point, Vector3, Twist …)
/// through their default constructor, so without this a missing <c>position.x</c> would decode as 0.
/// </summary>
public static class RosJsonContracts
{
    private static readonly JsonSerializerOptions Strict = new(RosJsonContext.Default.Options)
    {
        TypeInfoResolver = RosJsonContext.Default.WithAddedModifier(RequireEveryProperty),
    };

    /// <summary>The strict contract of message type <typeparamref name="T"/> (nested types are strict too).</summary>
    public static JsonTypeInfo<T> For<T>() => (JsonTypeInfo<T>)Strict.GetTypeInfo(typeof(T));

    private static void RequireEveryProperty(JsonTypeInfo contract)
    {
        if (contract.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        foreach (JsonPropertyInfo property in contract.Properties)
        {
            // Only what the decoder fills is required; a computed getter-only property is not a wire field.
            property.IsRequired = property.Set is not null || property.AssociatedParameter is not null;
        }
    }
}
