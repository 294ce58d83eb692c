using System.Text.Json;
using StrategicTech.Drivers.Vda5050.Messages;

namespace StrategicTech.Fleet.Hosting;

/// <summary>
/// One robot's fast path for the common 2.x state of a standing or simply driving robot: header, order and last
/// node, driving/paused, operating mode, battery, safety, optionally its position, and node/edge/action/error lists
/// that are empty. Such a state is read with <see cref="Utf8JsonReader"/> into this robot's one reused
/// <see cref="State"/>; a string member equal to the one already held keeps its instance, so an unchanged idle
/// state costs only its new timestamp string. Why: the intake decodes every robot's state ten times a second and
/// the general deserializer builds a whole object graph each time. Anything else (another member, a non-empty list,
/// another version, a missing required member, a duplicate, a JSON error) is <em>not handled</em> here and goes to
/// <see cref="StrategicTech.Drivers.Vda5050.Vda5050Codec.TryDecodeState"/>, which accepts or rejects it as always:
/// this path only ever accepts states the codec accepts, with the same values.
/// </summary>
public sealed class ReusedStateDecoder
{
    private const int HeaderId = 1 << 0, Timestamp = 1 << 1, Version = 1 << 2, Manufacturer = 1 << 3, SerialNumber = 1 << 4,
        OrderId = 1 << 5, OrderUpdateId = 1 << 6, LastNodeId = 1 << 7, LastNodeSequenceId = 1 << 8, Driving = 1 << 9,
        OperatingModeMember = 1 << 10, NodeStates = 1 << 11, EdgeStates = 1 << 12, ActionStates = 1 << 13, BatteryStateMember = 1 << 14,
        Errors = 1 << 15, SafetyStateMember = 1 << 16, Paused = 1 << 17, NewBaseRequest = 1 << 18, AgvPositionMember = 1 << 19,
        Loads = 1 << 20, Information = 1 << 21, DistanceSinceLastNode = 1 << 22;

    private const int Required = HeaderId | Timestamp | Version | Manufacturer | SerialNumber | OrderId | OrderUpdateId | LastNodeId
        | LastNodeSequenceId | Driving | OperatingModeMember | NodeStates | EdgeStates | ActionStates | BatteryStateMember | Errors | SafetyStateMember;

    private readonly string? _expectedMajor;
    private readonly bool _handled;
    private readonly State _state;
    private readonly AgvPosition _position = new() { XM = 0, YM = 0, ThetaRad = 0, MapId = string.Empty, PositionInitialized = false };
    private readonly List<Load> _noLoads = [];
    private readonly List<Information> _noInformation = [];

    /// <param name="expectedVersion">Protocol version the states must carry, as the codec takes it (null: 2.x layout, any version).</param>
    public ReusedStateDecoder(string? expectedVersion)
    {
        _expectedMajor = expectedVersion is null ? null : MajorOf(expectedVersion).ToString();
        _handled = _expectedMajor is null or "2"; // a 3.x layout always goes to the codec
        _state = new State
        {
            HeaderId = 0, Timestamp = string.Empty, Version = string.Empty, Manufacturer = string.Empty, SerialNumber = string.Empty,
            OrderId = string.Empty, OrderUpdateId = 0, LastNodeId = string.Empty, LastNodeSequenceId = 0, Driving = false,
            OperatingMode = OperatingMode.Automatic, NodeStates = [], EdgeStates = [], ActionStates = [], Errors = [],
            BatteryState = new BatteryState { BatteryChargePercent = 0, Charging = false },
            SafetyState = new SafetyState { EStop = EStop.None, FieldViolation = false },
        };
    }

    /// <summary>
    /// Reads <paramref name="json"/> into the reused state; false when it is not of the handled shape (then the
    /// reused state is unspecified and the caller decodes with the codec). The state returned is overwritten by the
    /// next call: a consumer must not keep it.
    /// </summary>
    public bool TryDecode(ReadOnlySpan<byte> json, out State state)
    {
        state = _state;
        if (!_handled)
        {
            return false;
        }

        try
        {
            return TryRead(json);
        }
        catch (JsonException)
        {
            return false; // malformed: the codec rejects it with its error
        }
    }

    private bool TryRead(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        State s = _state;
        s.Paused = null;
        s.NewBaseRequest = null;
        s.DistanceSinceLastNodeM = null;
        s.AgvPosition = null;
        s.Loads = null;
        s.Information = null;
        int seen = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            int member = MemberOf(ref reader);
            if (member == 0 || (seen & member) != 0 || !reader.Read() || !ReadMember(ref reader, member, s))
            {
                return false; // a member not handled here, a duplicate, or a value of another type
            }

            seen |= member;
        }

        return reader.TokenType == JsonTokenType.EndObject && (seen & Required) == Required && !reader.Read()
            && (_expectedMajor is null || MajorOf(s.Version).SequenceEqual(_expectedMajor));
    }

    private bool ReadMember(ref Utf8JsonReader reader, int member, State s)
    {
        switch (member)
        {
            case HeaderId:
                return ReadUInt(ref reader, out uint h) && Keep(s.HeaderId = h);
            case Timestamp:
                return ReadString(ref reader, s.Timestamp, out string t) && Keep(s.Timestamp = t);
            case Version:
                return ReadString(ref reader, s.Version, out string v) && Keep(s.Version = v);
            case Manufacturer:
                return ReadString(ref reader, s.Manufacturer, out string m) && Keep(s.Manufacturer = m);
            case SerialNumber:
                return ReadString(ref reader, s.SerialNumber, out string n) && Keep(s.SerialNumber = n);
            case OrderId:
                return ReadString(ref reader, s.OrderId, out string o) && Keep(s.OrderId = o);
            case LastNodeId:
                return ReadString(ref reader, s.LastNodeId, out string l) && Keep(s.LastNodeId = l);
            case OrderUpdateId:
                return ReadUInt(ref reader, out uint u) && Keep(s.OrderUpdateId = u);
            case LastNodeSequenceId:
                return ReadUInt(ref reader, out uint q) && Keep(s.LastNodeSequenceId = q);
            case Driving:
                return ReadBool(ref reader, out bool d) && Keep(s.Driving = d);
            case Paused:
                return ReadBool(ref reader, out bool p) && Keep(s.Paused = p);
            case NewBaseRequest:
                return ReadBool(ref reader, out bool b) && Keep(s.NewBaseRequest = b);
            case DistanceSinceLastNode:
                return ReadDouble(ref reader, out double dist) && Keep(s.DistanceSinceLastNodeM = dist);
            case OperatingModeMember:
                return ReadOperatingMode(ref reader, s);
            case NodeStates or EdgeStates or ActionStates or Errors:
                return IsEmptyArray(ref reader);
            case Loads:
                return IsEmptyArray(ref reader) && Keep(s.Loads = _noLoads);
            case Information:
                return IsEmptyArray(ref reader) && Keep(s.Information = _noInformation);
            case BatteryStateMember:
                return ReadBattery(ref reader, s.BatteryState);
            case SafetyStateMember:
                return ReadSafety(ref reader, s.SafetyState);
            case AgvPositionMember:
                return ReadPosition(ref reader) && Keep(s.AgvPosition = _position);
            default:
                return false;
        }
    }

    private static int MemberOf(ref Utf8JsonReader r) =>
        r.ValueTextEquals("headerId"u8) ? HeaderId
        : r.ValueTextEquals("timestamp"u8) ? Timestamp
        : r.ValueTextEquals("version"u8) ? Version
        : r.ValueTextEquals("manufacturer"u8) ? Manufacturer
        : r.ValueTextEquals("serialNumber"u8) ? SerialNumber
        : r.ValueTextEquals("orderId"u8) ? OrderId
        : r.ValueTextEquals("orderUpdateId"u8) ? OrderUpdateId
        : r.ValueTextEquals("lastNodeId"u8) ? LastNodeId
        : r.ValueTextEquals("lastNodeSequenceId"u8) ? LastNodeSequenceId
        : r.ValueTextEquals("driving"u8) ? Driving
        : r.ValueTextEquals("paused"u8) ? Paused
        : r.ValueTextEquals("newBaseRequest"u8) ? NewBaseRequest
        : r.ValueTextEquals("distanceSinceLastNode"u8) ? DistanceSinceLastNode
        : r.ValueTextEquals("operatingMode"u8) ? OperatingModeMember
        : r.ValueTextEquals("nodeStates"u8) ? NodeStates
        : r.ValueTextEquals("edgeStates"u8) ? EdgeStates
        : r.ValueTextEquals("actionStates"u8) ? ActionStates
        : r.ValueTextEquals("errors"u8) ? Errors
        : r.ValueTextEquals("loads"u8) ? Loads
        : r.ValueTextEquals("information"u8) ? Information
        : r.ValueTextEquals("batteryState"u8) ? BatteryStateMember
        : r.ValueTextEquals("safetyState"u8) ? SafetyStateMember
        : r.ValueTextEquals("agvPosition"u8) ? AgvPositionMember
        : 0;

    /// <summary>A string member; the instance already held when the text is unchanged (no allocation).</summary>
    private static bool ReadString(ref Utf8JsonReader r, string held, out string value)
    {
        if (r.TokenType != JsonTokenType.String)
        {
            value = held;
            return false;
        }

        value = r.ValueTextEquals(held) ? held : r.GetString()!;
        return true;
    }

    private static bool ReadUInt(ref Utf8JsonReader r, out uint value)
    {
        value = 0;
        return r.TokenType == JsonTokenType.Number && r.TryGetUInt32(out value);
    }

    private static bool ReadBool(ref Utf8JsonReader r, out bool value)
    {
        value = r.TokenType == JsonTokenType.True;
        return r.TokenType is JsonTokenType.True or JsonTokenType.False;
    }

    private static bool ReadDouble(ref Utf8JsonReader r, out double value)
    {
        value = 0;
        return r.TokenType == JsonTokenType.Number && r.TryGetDouble(out value) && double.IsFinite(value);
    }

    private static bool IsEmptyArray(ref Utf8JsonReader r) => r.TokenType == JsonTokenType.StartArray && r.Read() && r.TokenType == JsonTokenType.EndArray;

    private static bool ReadOperatingMode(ref Utf8JsonReader r, State s)
    {
        if (r.TokenType != JsonTokenType.String)
        {
            return false;
        }

        OperatingMode? mode = r.ValueTextEquals("AUTOMATIC"u8) ? OperatingMode.Automatic
            : r.ValueTextEquals("SEMIAUTOMATIC"u8) ? OperatingMode.Semiautomatic
            : r.ValueTextEquals("MANUAL"u8) ? OperatingMode.Manual
            : r.ValueTextEquals("SERVICE"u8) ? OperatingMode.Service
            : r.ValueTextEquals("TEACHIN"u8) ? OperatingMode.Teachin
            : null;
        return mode is { } m && Keep(s.OperatingMode = m);
    }

    private static bool ReadBattery(ref Utf8JsonReader r, BatteryState battery)
    {
        if (r.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        int seen = 0;
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            int member = r.ValueTextEquals("batteryCharge"u8) ? 1 : r.ValueTextEquals("charging"u8) ? 2 : 0;
            if (member == 0 || (seen & member) != 0 || !r.Read())
            {
                return false;
            }

            bool ok = member == 1
                ? ReadDouble(ref r, out double charge) && Keep(battery.BatteryChargePercent = charge)
                : ReadBool(ref r, out bool charging) && Keep(battery.Charging = charging);
            if (!ok)
            {
                return false;
            }

            seen |= member;
        }

        battery.BatteryVoltageV = null;
        battery.BatteryHealthPercent = null;
        battery.ReachM = null;
        battery.BatteryCurrentA = null;
        return r.TokenType == JsonTokenType.EndObject && seen == 3;
    }

    private static bool ReadSafety(ref Utf8JsonReader r, SafetyState safety)
    {
        if (r.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        int seen = 0;
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            int member = r.ValueTextEquals("eStop"u8) ? 1 : r.ValueTextEquals("fieldViolation"u8) ? 2 : 0;
            if (member == 0 || (seen & member) != 0 || !r.Read())
            {
                return false;
            }

            bool ok;
            if (member == 1)
            {
                EStop? e = r.TokenType != JsonTokenType.String ? null
                    : r.ValueTextEquals("NONE"u8) ? EStop.None
                    : r.ValueTextEquals("AUTOACK"u8) ? EStop.AutoAck
                    : r.ValueTextEquals("MANUAL"u8) ? EStop.Manual
                    : r.ValueTextEquals("REMOTE"u8) ? EStop.Remote
                    : null;
                ok = e is { } stop && Keep(safety.EStop = stop);
            }
            else
            {
                ok = ReadBool(ref r, out bool violation) && Keep(safety.FieldViolation = violation);
            }

            if (!ok)
            {
                return false;
            }

            seen |= member;
        }

        return r.TokenType == JsonTokenType.EndObject && seen == 3;
    }

    private bool ReadPosition(ref Utf8JsonReader r)
    {
        if (r.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        AgvPosition p = _position;
        int seen = 0;
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            int member = r.ValueTextEquals("x"u8) ? 1 : r.ValueTextEquals("y"u8) ? 2 : r.ValueTextEquals("theta"u8) ? 4
                : r.ValueTextEquals("mapId"u8) ? 8 : r.ValueTextEquals("positionInitialized"u8) ? 16 : 0;
            if (member == 0 || (seen & member) != 0 || !r.Read())
            {
                return false;
            }

            bool ok = member switch
            {
                1 => ReadDouble(ref r, out double x) && Keep(p.XM = x),
                2 => ReadDouble(ref r, out double y) && Keep(p.YM = y),
                4 => ReadDouble(ref r, out double theta) && Keep(p.ThetaRad = theta),
                8 => ReadString(ref r, p.MapId, out string map) && Keep(p.MapId = map),
                _ => ReadBool(ref r, out bool initialized) && Keep(p.PositionInitialized = initialized),
            };
            if (!ok)
            {
                return false;
            }

            seen |= member;
        }

        p.MapDescription = null;
        p.LocalizationScore = null;
        p.DeviationRangeM = null;
        return r.TokenType == JsonTokenType.EndObject && seen == 31;
    }

    /// <summary>Lets an assignment stand inside a condition chain.</summary>
    private static bool Keep<T>(T assigned)
    {
        _ = assigned;
        return true;
    }

    /// <summary>The major version, as the codec compares it: the text before the first dot.</summary>
    private static ReadOnlySpan<char> MajorOf(string version)
    {
        int dot = version.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? version : version.AsSpan(0, dot);
    }
}
