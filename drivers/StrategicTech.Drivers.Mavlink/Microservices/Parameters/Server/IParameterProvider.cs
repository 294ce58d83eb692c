namespace StrategicTech.Drivers.Mavlink.Microservices.Parameters.Server;

/// <summary>
/// What the parameter server serves: a fixed, indexed set of named, typed values (names ≤ 16 ASCII chars). The
/// autopilot adapts its typed, validated, persisted store to this. Called on the node's thread; the lookups must
/// not allocate.
/// </summary>
public interface IParameterProvider
{
    int Count { get; }

    string NameAt(int index);

    ParameterValue ValueAt(int index);

    /// <summary>Index of the parameter called <paramref name="name"/>, −1 when there is none.</summary>
    int IndexOf(ReadOnlySpan<char> name);

    /// <summary>Validates and stores a new value; false leaves the old one (the server then echoes the old value).</summary>
    bool TrySet(int index, ParameterValue value);
}
