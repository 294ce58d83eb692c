using StrategicTech.Drivers.Mavlink;
using StrategicTech.Drivers.Mavlink.Dialects.Common;
using StrategicTech.GroundStation.Telemetry;

namespace StrategicTech.GroundStation.Replay;

/// <summary>
/// Every plottable field of every vehicle in a log, decoded once at open through the same
/// <see cref="TelemetryDecoder"/> as the fly view (so the plot and the HUD can never disagree).
/// </summary>
public sealed class ReplaySeries : ITelemetrySink
{
    private readonly Dictionary<byte, FieldSeries[]> _bySystem = [];
    private readonly long _startUs;

    private ReplaySeries(long startUs) => _startUs = startUs;

    /// <summary>System ids with at least one decoded sample.</summary>
    public IEnumerable<byte> Systems => _bySystem.Keys;

    public static ReplaySeries Decode(TlogReplay replay)
    {
        ArgumentNullException.ThrowIfNull(replay);
        var series = new ReplaySeries(replay.StartUs);
        var reader = new MavlinkTlogReader(new MavlinkParser(CommonDialect.Instance));
        var dispatcher = new MavlinkMessageDispatcher();
        _ = new TelemetryDecoder(dispatcher, series);
        ReadOnlySpan<byte> span = replay.Bytes.Span;
        while (reader.TryRead(ref span, out long timeUs, out MavlinkFrame frame))
        {
            dispatcher.Dispatch(frame, timeUs);
        }

        return series;
    }

    /// <summary>The series of <paramref name="field"/> for <paramref name="systemId"/> (null when the log has none).</summary>
    public FieldSeries? Of(byte systemId, PlotField field) =>
        _bySystem.TryGetValue(systemId, out FieldSeries[]? all) && all[(int)field].Count > 0 ? all[(int)field] : null;

    void ITelemetrySink.Accept(in TelemetrySample s)
    {
        double t = (s.TimeUs - _startUs) / 1e6;
        switch (s.Kind)
        {
            case TelemetryKind.GlobalPosition:
                Get(s.SystemId)[(int)PlotField.AltitudeAboveHomeM].Add(t, s.D);
                break;
            case TelemetryKind.VfrHud:
                Get(s.SystemId)[(int)PlotField.GroundSpeedMps].Add(t, s.B);
                Get(s.SystemId)[(int)PlotField.ClimbRateMps].Add(t, s.D);
                break;
            // Both carry the voltage; as in the fly view's status, the latest of SYS_STATUS and battery 0 counts.
            case TelemetryKind.SysStatus:
            case TelemetryKind.Battery when s.I0 == 0:
                Get(s.SystemId)[(int)PlotField.BatteryV].Add(t, s.A);
                break;
            case TelemetryKind.Attitude:
                Get(s.SystemId)[(int)PlotField.RollDeg].Add(t, s.A * (180 / Math.PI));
                Get(s.SystemId)[(int)PlotField.PitchDeg].Add(t, s.B * (180 / Math.PI));
                break;
            default:
                break;
        }
    }

    private FieldSeries[] Get(byte systemId)
    {
        if (!_bySystem.TryGetValue(systemId, out FieldSeries[]? all))
        {
            all = new FieldSeries[PlotFields.Count];
            for (int i = 0; i < all.Length; i++)
            {
                all[i] = new FieldSeries();
            }

            _bySystem.Add(systemId, all);
        }

        return all;
    }
}
