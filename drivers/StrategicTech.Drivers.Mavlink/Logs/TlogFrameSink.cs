using StrategicTech.Drivers.Mavlink.Microservices;
using StrategicTech.Navigation.Time;

namespace StrategicTech.Drivers.Mavlink.Logs;

/// <summary>
/// Records every frame a node sends into a <see cref="TlogWriter"/> (time = clock + <paramref name="epochUnixUs"/>),
/// then passes it on to <paramref name="inner"/> (none: the frame is only logged and counts as sent).
/// </summary>
public sealed class TlogFrameSink(TlogWriter tlog, IClock clock, long epochUnixUs, IMavlinkFrameSink? inner = null) : IMavlinkFrameSink
{
    private readonly TlogWriter _tlog = tlog ?? throw new ArgumentNullException(nameof(tlog));
    private readonly IClock _clock = clock ?? throw new ArgumentNullException(nameof(clock));

    public bool Send(ReadOnlySpan<byte> frame)
    {
        _tlog.Write(epochUnixUs + _clock.TimeUs, frame);
        return inner?.Send(frame) ?? true;
    }
}
