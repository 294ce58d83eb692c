using SkiaSharp;
using StrategicTech.GroundStation.App;
using StrategicTech.GroundStation.Model;
using StrategicTech.GroundStation.Rendering;

namespace StrategicTech.GroundStation.Tests.App;

/// <summary>
/// The STATUSTEXT log is never hidden under the action bar or the replay seek bar: at 960x600 the 720 px action bar
/// reached 150 px under the right column and covered the log's last two lines.
/// </summary>
public sealed class StatusLogLayoutTests
{
    [Theory]
    [InlineData(960, 600)]
    [InlineData(1024, 768)]
    [InlineData(1280, 720)]
    [InlineData(1920, 1080)]
    public void Action_bar_buttons_and_replay_seek_bar_do_not_intersect_the_status_log(int width, int height)
    {
        SKRect log = FlyViewLayout.StatusLog(width, height);
        var ui = new FlyViewController(new Fleet(), sender: null);
        ui.Update(1_000_000, width, height);
        Assert.False(FlyViewLayout.ActionBar(width, height).IntersectsWith(log), $"action bar overlaps the log {log} at {width}x{height}");
        foreach (UiButton button in ui.Buttons)
        {
            Assert.False(button.Rect.IntersectsWith(log), $"{button.Action} {button.Rect} overlaps the log {log} at {width}x{height}");
        }

        var timeline = new ReplayTimeline(40, 0);
        timeline.Layout(width, height);
        Assert.False(timeline.Bar.IntersectsWith(log), $"seek bar {timeline.Bar} overlaps the log {log} at {width}x{height}");
    }

    [Theory]
    [InlineData(1280, 720, 9)]
    [InlineData(960, 600, 6)]
    public void Log_shows_nine_lines_when_there_is_room_and_fewer_in_a_short_window(int width, int height, int lines)
    {
        Assert.Equal(lines, FlyViewLayout.StatusLogLines(FlyViewLayout.StatusLog(width, height)));
    }
}
