using StrategicTech.GroundStation.Model;
using StrategicTech.GroundStation.Replay;
using StrategicTech.GroundStation.Tests.Headless;

namespace StrategicTech.GroundStation.Tests.Replay;

/// <summary>Seeking a replay: backwards plays the log again from its start, so the state equals a straight play.</summary>
public sealed class TlogReplaySeekTests
{
    [Fact]
    public void Seeking_back_to_12_s_after_playing_to_30_s_gives_the_same_vehicle_state_as_playing_straight_to_12_s()
    {
        var straightFleet = new Fleet();
        TlogReplay straight = TlogReplay.Open(SitlTlog.Path, straightFleet);
        straight.PlayTo(12.3);

        var seekFleet = new Fleet();
        TlogReplay seeking = TlogReplay.Open(SitlTlog.Path, seekFleet);
        seeking.SeekTo(30);
        VehicleState later = seekFleet.Selected!;
        double laterHeightM = later.HeightAboveHomeM;
        seeking.SeekTo(12.3);

        VehicleState a = straightFleet.Selected!;
        VehicleState b = seekFleet.Selected!;
        Assert.NotEqual(laterHeightM, b.HeightAboveHomeM);
        Assert.Equal(straight.NowUs, seeking.NowUs);
        Assert.Equal(straight.Frames, seeking.Frames);
        Assert.Equal(straightFleet.Applied, seekFleet.Applied);
        Assert.Equal(straightFleet.StatusLog.Count, seekFleet.StatusLog.Count);
        Assert.Equal(a.Heartbeats, b.Heartbeats);
        Assert.Equal(a.Armed, b.Armed);
        Assert.Equal(a.HeightAboveHomeM, b.HeightAboveHomeM);
        Assert.Equal(a.RollRad, b.RollRad);
        Assert.Equal(a.Track.Count, b.Track.Count);
    }

    [Fact]
    public void Duration_is_the_time_of_the_last_record_after_the_first_and_playing_past_it_stops_there()
    {
        var fleet = new Fleet();
        TlogReplay replay = TlogReplay.Open(SitlTlog.Path, fleet);

        // The SITL log waits for the estimator, arms, climbs and hovers 20 s: well over 20 s long.
        Assert.True(replay.DurationS > 20, $"duration {replay.DurationS} s");
        Assert.False(replay.SeekTo(replay.DurationS + 5));
        Assert.Equal(replay.EndUs, replay.NowUs);
        Assert.True(replay.AtEnd);
    }
}
