using StrategicTech.GroundStation.App;
using StrategicTech.GroundStation.Replay;

namespace StrategicTech.GroundStation.Tests.App;

/// <summary>The replay transport: speed, pause at the end, seeking by click and drag, keys, plot chips.</summary>
public sealed class ReplayTimelineTests
{
    private static ReplayTimeline LaidOut(double durationS = 100, double startS = 0)
    {
        var t = new ReplayTimeline(durationS, startS);
        t.Layout(1280, 720);
        return t;
    }

    private static UiButton Button(ReplayTimeline t, UiAction action, string label) =>
        t.Buttons.First(b => b.Action == action && b.Label == label);

    private static void Click(ReplayTimeline t, float x, float y)
    {
        Assert.True(t.MouseDown(x, y));
        Assert.True(t.MouseUp(x, y));
    }

    [Fact]
    public void Half_a_second_at_10x_moves_the_replay_5_s_on()
    {
        ReplayTimeline t = LaidOut(startS: 20);
        UiButton tenX = Button(t, UiAction.ReplaySpeed, "10x");
        Click(t, tenX.Rect.MidX, tenX.Rect.MidY);
        Assert.Equal(10, t.Speed);
        t.Advance(0.5);
        Assert.Equal(25, t.PositionS, 9);
    }

    [Fact]
    public void Playing_past_the_end_stops_at_the_end_paused_and_play_starts_over()
    {
        ReplayTimeline t = LaidOut(startS: 99);
        t.Advance(5);
        Assert.Equal(100, t.PositionS);
        Assert.False(t.Playing);
        t.TogglePlay();
        Assert.True(t.Playing);
        Assert.Equal(0, t.PositionS);
    }

    [Fact]
    public void Pause_button_stops_the_clock_and_its_label_turns_to_play()
    {
        ReplayTimeline t = LaidOut(startS: 10);
        UiButton pause = Button(t, UiAction.ReplayPlayPause, "PAUSE");
        Click(t, pause.Rect.MidX, pause.Rect.MidY);
        t.Advance(3);
        Assert.Equal(10, t.PositionS);
        t.Layout(1280, 720);
        Assert.Contains(t.Buttons, b => b.Action == UiAction.ReplayPlayPause && b.Label == "PLAY");
    }

    [Fact]
    public void A_click_at_three_quarters_of_the_bar_seeks_to_three_quarters_of_the_log()
    {
        ReplayTimeline t = LaidOut();
        Click(t, t.Bar.Left + (0.75f * t.Bar.Width), t.Bar.MidY);

        // One pixel of the bar is 100 s / width; the click lands within it.
        Assert.Equal(75, t.PositionS, 100.0 / t.Bar.Width);
    }

    [Fact]
    public void A_drag_along_the_bar_follows_the_pointer_and_ends_where_it_is_released()
    {
        ReplayTimeline t = LaidOut();
        Assert.True(t.MouseDown(t.Bar.Left + (0.2f * t.Bar.Width), t.Bar.MidY));
        Assert.Equal(20, t.PositionS, 100.0 / t.Bar.Width);
        Assert.True(t.MouseMove(t.Bar.Left + (0.5f * t.Bar.Width)));
        Assert.Equal(50, t.PositionS, 100.0 / t.Bar.Width);

        // Dragging beyond the bar clamps to its end; the release (off the bar) still belongs to the drag.
        Assert.True(t.MouseMove(t.Bar.Right + 200));
        Assert.True(t.MouseUp(t.Bar.Left + (0.6f * t.Bar.Width), t.Bar.Top - 100));
        Assert.Equal(60, t.PositionS, 100.0 / t.Bar.Width);
        Assert.False(t.MouseMove(t.Bar.Left));
    }

    [Fact]
    public void A_press_on_the_map_released_over_a_timeline_button_is_left_to_the_map()
    {
        ReplayTimeline t = LaidOut(startS: 10);
        UiButton pause = Button(t, UiAction.ReplayPlayPause, "PAUSE");
        Assert.False(t.MouseDown(640, 200));
        Assert.False(t.MouseUp(pause.Rect.MidX, pause.Rect.MidY));
        Assert.True(t.Playing);
    }

    [Fact]
    public void Keys_toggle_pause_step_the_speed_between_1x_and_50x_and_jump_10_s()
    {
        ReplayTimeline t = LaidOut(startS: 5);
        Assert.True(t.Key(ReplayTimeline.KeySpace));
        Assert.False(t.Playing);
        for (int i = 0; i < 8; i++)
        {
            Assert.True(t.Key(ReplayTimeline.KeyFaster));
        }

        Assert.Equal(50, t.Speed);
        Assert.True(t.Key(ReplayTimeline.KeySlower));
        Assert.Equal(20, t.Speed);
        Assert.True(t.Key(ReplayTimeline.KeyRight));
        Assert.Equal(15, t.PositionS);
        Assert.True(t.Key(ReplayTimeline.KeyLeft));
        Assert.True(t.Key(ReplayTimeline.KeyLeft));
        Assert.Equal(0, t.PositionS);
        Assert.False(t.Key('a'));
    }

    [Fact]
    public void A_click_on_a_field_chip_toggles_its_curve()
    {
        ReplayTimeline t = LaidOut();
        Assert.True(t.IsShown(PlotField.AltitudeAboveHomeM));
        Assert.False(t.IsShown(PlotField.RollDeg));
        UiButton roll = Button(t, UiAction.ReplayPlotField, PlotFields.Label(PlotField.RollDeg));
        Click(t, roll.Rect.MidX, roll.Rect.MidY);
        Assert.True(t.IsShown(PlotField.RollDeg));
        UiButton alt = Button(t, UiAction.ReplayPlotField, PlotFields.Label(PlotField.AltitudeAboveHomeM));
        Click(t, alt.Rect.MidX, alt.Rect.MidY);
        Assert.False(t.IsShown(PlotField.AltitudeAboveHomeM));
    }
}
