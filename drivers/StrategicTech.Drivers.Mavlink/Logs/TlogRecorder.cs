using StrategicTech.Drivers.Mavlink.Microservices;
using StrategicTech.Navigation.Time;

namespace StrategicTech.Drivers.Mavlink.Logs;

/// <summary>
/// A node service that records every frame the node receives into a <see cref="TlogWriter"/> (time = clock +
/// <paramref name="epochUnixUs"/>). Pair it with a <see cref="TlogFrameSink"/> for the frames the node sends, and
/// the tlog holds both directions of the link, as a ground station's does.
/// </summary>
public sealed class TlogRecorder(TlogWriter tlog, IClock clock, long epochUnixUs) : IMavlinkService
{
    private readonly TlogWriter _tlog = tlog ?? throw new ArgumentNullException(nameof(tlog));
    private readonly IClock _clock = clock ?? throw new ArgumentNullException(nameof(clock));

    public void OnFrame(MavlinkFrame frame, long nowUs) => _tlog.Write(epochUnixUs + _clock.TimeUs, frame.Raw);

    public void Tick(long nowUs)
    {
    }
}
