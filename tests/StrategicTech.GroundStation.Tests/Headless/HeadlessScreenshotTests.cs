using SkiaSharp;
using StrategicTech.GroundStation.App;
using StrategicTech.GroundStation.Model;
using StrategicTech.GroundStation.Rendering;
using StrategicTech.GroundStation.Replay;
using StrategicTech.TestSupport;

namespace StrategicTech.GroundStation.Tests.Headless;

/// <summary>
/// The headless mode end to end (EGL surfaceless on Mesa): a replayed log rendered at a moment, the PNG read back
/// and its artificial horizon checked against the attitude that the log held at that moment.
/// </summary>
[Collection(GlCollection.Name)]
public sealed class HeadlessScreenshotTests
{
    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = GroundStationMain.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    private static VehicleState AttitudeAt(string tlog, double seekS)
    {
        var fleet = new Fleet();
        TlogReplay.Open(tlog, fleet).PlayTo(seekS);
        return fleet.Selected!;
    }

    private static string TempPng(string name) => Path.Combine(Path.GetTempPath(), $"gcs-{name}-{Environment.ProcessId}.png");

    [SharedDataFact]
    public void Vtol_log_at_120_s_renders_a_1280x720_png_whose_horizon_matches_the_logged_roll_and_pitch()
    {
        string tlog = SharedData.PathOf("logs/vtol.tlog");
        string png = TempPng("vtol");
        (int code, string output, string error) = Run("--headless", "--replay", tlog, "--seek-s", "120", "--screenshot", png);
        Assert.True(code == 0, $"exit {code}: {output} {error}");
        Assert.Contains("1 vehicle(s)", output, StringComparison.Ordinal);

        using SKBitmap bitmap = SKBitmap.Decode(png);
        Assert.Equal((1280, 720), (bitmap.Width, bitmap.Height));
        VehicleState v = AttitudeAt(tlog, 120);

        // The plane is in a banked turn here (|roll| > 20°), so the check is not the level case.
        Assert.True(Math.Abs(v.RollRad) > 0.35, $"roll {v.RollRad} rad");
        HudPixels.AssertHorizon(bitmap, v.RollRad, v.PitchRad);

        // Map background shows in the middle left, away from panels (graticule lines are 100 px apart at 1 m/px).
        SKColor map = bitmap.GetPixel(420, 250);
        Assert.True(HudPixels.Distance(map, Theme.MapBackground) <= 40, $"map pixel {map}");
    }

    [Fact]
    public void Sitl_log_of_a_takeoff_renders_the_hovering_quad_level_with_an_armed_status()
    {
        string tlog = SitlTlog.Path;
        var fleet = new Fleet();
        var replay = TlogReplay.Open(tlog, fleet);
        replay.PlayTo(1e9);
        double endS = replay.PlayedS;
        double seekS = endS - 2;
        VehicleState v = AttitudeAt(tlog, seekS);
        Assert.True(v.Armed);
        Assert.True(v.HeightAboveHomeM > 8, $"height {v.HeightAboveHomeM} m");

        string png = TempPng("sitl");
        (int code, string output, string error) = Run("--headless", "--replay", tlog, "--seek-s", seekS.ToString(System.Globalization.CultureInfo.InvariantCulture), "--screenshot", png, "--size", "1024x640");
        Assert.True(code == 0, $"exit {code}: {output} {error}");
        using SKBitmap bitmap = SKBitmap.Decode(png);
        Assert.Equal((1024, 640), (bitmap.Width, bitmap.Height));

        // Hovering: |roll|, |pitch| < 3°, so the horizon sits at the HUD's middle.
        Assert.True(Math.Abs(v.RollRad) < 0.05 && Math.Abs(v.PitchRad) < 0.05, $"roll {v.RollRad}, pitch {v.PitchRad}");
        HudPixels.AssertHorizon(bitmap, v.RollRad, v.PitchRad);

        // The vehicle icon (selected: red) is drawn at the map centre, where the view follows it.
        SKColor centre = bitmap.GetPixel(512, 320 - 5);
        Assert.True(HudPixels.Distance(centre, SKColors.Red) <= 10, $"centre pixel {centre}");
    }

    [Fact]
    public void An_unreadable_log_exits_2_naming_the_file()
    {
        string bad = Path.Combine(Path.GetTempPath(), $"gcs-bad-{Environment.ProcessId}.tlog");
        File.WriteAllBytes(bad, "this is not a telemetry log at all"u8.ToArray());
        (int code, _, string error) = Run("--headless", "--replay", bad, "--seek-s", "1", "--screenshot", TempPng("bad"));
        Assert.Equal(GroundStationMain.ExitBadInput, code);
        Assert.Contains(bad, error, StringComparison.Ordinal);
        Assert.Contains("no MAVLink tlog record", error, StringComparison.Ordinal);

        string missing = bad + ".missing";
        (code, _, error) = Run("--headless", "--replay", missing, "--seek-s", "1", "--screenshot", TempPng("bad"));
        Assert.Equal(GroundStationMain.ExitBadInput, code);
        Assert.Contains("cannot read", error, StringComparison.Ordinal);
    }
}
