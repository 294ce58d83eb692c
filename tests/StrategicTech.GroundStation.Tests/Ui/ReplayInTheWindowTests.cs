using StrategicTech.GroundStation.App;
using StrategicTech.GroundStation.Model;
using StrategicTech.GroundStation.Replay;
using StrategicTech.GroundStation.Tests.Headless;

namespace StrategicTech.GroundStation.Tests.Ui;

/// <summary>
/// The window plays a log (<c>--replay</c> without <c>--headless</c>) on a private Xvfb display; clicks injected
/// into SDL's queue pause it and seek on the timeline, and the moment the window shows follows the click.
/// </summary>
[Collection(GlCollection.Name)]
public sealed class ReplayInTheWindowTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private static bool WaitFor(Func<bool> condition, Thread ui)
    {
        var wait = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            if (wait.Elapsed > Patience || !ui.IsAlive)
            {
                return false;
            }

            Thread.Sleep(20);
        }

        return true;
    }

    [Fact]
    public void Clicking_pause_then_a_quarter_of_the_timeline_shows_the_log_at_a_quarter_of_its_length()
    {
        double durationS = TlogReplay.Open(SitlTlog.Path, new Fleet()).DurationS;
        using XvfbDisplay display = XvfbDisplay.Start();
        var options = new GcsOptions { ReplayPath = SitlTlog.Path, SeekS = 0.8 * durationS, Width = 1024, Height = 640, MaxFps = 15 };
        var error = new StringWriter();
        using GroundStationWindow window = GroundStationWindow.Create(options, error) ?? throw new InvalidOperationException(error.ToString());
        using var stop = new CancellationTokenSource();
        Exception? failure = null;
        var ui = new Thread(() =>
        {
            try
            {
                window.Run(stop.Token);
            }
            catch (Exception ex)
            {
                failure = ex;
            }
        }) { Name = "gcs-replay-window" };
        ui.Start();
        try
        {
            Assert.True(WaitFor(() => window.Ready && WindowOnSitlQuad.Find(window.Buttons, UiAction.ReplayPlayPause, "PAUSE") is not null, ui), $"window never showed the timeline: {failure}");
            UiButton pause = WindowOnSitlQuad.Find(window.Buttons, UiAction.ReplayPlayPause)!.Value;
            InjectedInput.Click(pause.Rect.MidX, pause.Rect.MidY);
            Assert.True(WaitFor(() => WindowOnSitlQuad.Find(window.Buttons, UiAction.ReplayPlayPause, "PLAY") is not null, ui), $"pause click not taken: {failure}");
            double pausedS = window.ShownReplayS;
            Assert.True(pausedS >= 0.8 * durationS, $"shown {pausedS} s before the seek");

            UiButton bar = WindowOnSitlQuad.Find(window.Buttons, UiAction.ReplaySeekBar)!.Value;
            double onePixelS = durationS / bar.Rect.Width;
            InjectedInput.Click(bar.Rect.Left + (0.25f * bar.Rect.Width), bar.Rect.MidY);
            double wantedS = 0.25 * durationS;

            // Paused, so the shown time lands on the clicked pixel's time and stays (the click is a whole pixel).
            Assert.True(WaitFor(() => Math.Abs(window.ShownReplayS - wantedS) <= onePixelS, ui), $"shown {window.ShownReplayS} s, wanted {wantedS} s: {failure}");
            Thread.Sleep(500);
            Assert.True(Math.Abs(window.ShownReplayS - wantedS) <= onePixelS, $"shown {window.ShownReplayS} s after 0.5 s paused");
        }
        finally
        {
            stop.Cancel();
            ui.Join(TimeSpan.FromSeconds(30));
        }

        Assert.Null(failure);
    }
}
