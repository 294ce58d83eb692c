using StrategicTech.Autopilot.Parameters;
using StrategicTech.Drivers.Mavlink.Dialects.Common;
using StrategicTech.Drivers.Mavlink.Microservices.Parameters;
using StrategicTech.Drivers.Mavlink.Microservices.Parameters.Server;

namespace StrategicTech.Autopilot.Comms;

/// <summary>
/// Serves the vehicle's <see cref="ParameterStore"/> over the MAVLink parameter protocol: its order is the
/// param_index, Float parameters go out as REAL32 and Int32 ones as INT32, and every set is validated by the
/// store, the value alone and then the candidate table against the cross-parameter rules, before anything is kept,
/// saved or acknowledged (a refused set leaves the old value, which the server echoes back in PARAM_VALUE, as PX4
/// does; later valid sets are unaffected). Accepted changes are persisted through
/// <see cref="Persist"/> when one is given (e.g. <c>store.SaveFile(path)</c>); sets are rare operator actions, not
/// per-tick work. Name lookups allocate nothing.
/// </summary>
public sealed class ParameterStoreProvider : IParameterProvider
{
    private readonly ParameterStore _store;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public ParameterStoreProvider(ParameterStore store, Action<ParameterStore>? persist = null)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        Persist = persist;
        var byName = new Dictionary<string, int>(store.Count, StringComparer.Ordinal);
        for (int i = 0; i < store.Count; i++)
        {
            byName[store.Definition(i).Name] = i;
        }

        _lookup = byName.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Called after each accepted change (persistence).</summary>
    public Action<ParameterStore>? Persist { get; }

    /// <summary>Sets refused by the store (out of range, not whole, not finite, breaking a cross-parameter rule).</summary>
    public long RejectedSets { get; private set; }

    /// <summary>Persist calls that threw (the value is still set in memory).</summary>
    public long PersistFailures { get; private set; }

    public int Count => _store.Count;

    public string NameAt(int index) => _store.Definition(index).Name;

    public ParameterValue ValueAt(int index)
    {
        double value = _store.Get(index);
        return _store.Definition(index).Type == ParameterType.Int32
            ? ParameterValue.FromInteger(MavParamType.Int32, (long)value)
            : ParameterValue.FromFloat((float)value);
    }

    public int IndexOf(ReadOnlySpan<char> name) => _lookup.TryGetValue(name, out int index) ? index : -1;

    public bool TrySet(int index, ParameterValue value)
    {
        ParameterSetResult result = _store.TrySet(index, value.AsDouble);
        if (result == ParameterSetResult.Accepted)
        {
            try
            {
                Persist?.Invoke(_store);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                PersistFailures++;
            }

            return true;
        }

        if (result == ParameterSetResult.Unchanged)
        {
            return true;
        }

        RejectedSets++;
        return false;
    }
}
