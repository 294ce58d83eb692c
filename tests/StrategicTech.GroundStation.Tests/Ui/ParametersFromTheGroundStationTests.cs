using StrategicTech.GroundStation.App;
using StrategicTech.GroundStation.Parameters;
using StrategicTech.Sim.Lockstep;

namespace StrategicTech.GroundStation.Tests.Ui;

/// <summary>
/// The parameter view as a pilot uses it: the real SDL window on a private Xvfb display, connected over UDP loopback
/// to our SITL quad (in process, paced at real time). Keys and text are injected into SDL's event queue: F2 opens the
/// view, REFRESH downloads, the search box filters, a click on the row and typed digits plus Enter edit the value.
/// The test watches the vehicle's own parameter store: the edit lands, and a value outside the vehicle's range is
/// refused there and shown as refused in the view.
/// </summary>
[Collection(GlCollection.Name)]
public sealed class ParametersFromTheGroundStationTests
{
    private const long SimLimitUs = 120_000_000;
    private const int KeyF2 = 0x4000003B;

    private enum Step
    {
        WaitForVehicle,
        WaitForView,
        WaitForDownload,
        WaitForRow,
        WaitForFirstSet,
        WaitForRefusal,
        Done,
    }

    [Fact]
    public void Typing_a_value_into_the_parameter_view_sets_it_on_the_sitl_quad_and_an_out_of_range_value_is_refused()
    {
        using var session = new WindowOnSitlQuad();
        SitlVehicle vehicle = session.Vehicle;
        GroundStationWindow window = session.Window;
        double before = vehicle.Vehicle.Parameters.Get("MPC_XY_CRUISE");

        Step step = Step.WaitForVehicle;
        long stepSinceUs = 0;
        try
        {
            while (step != Step.Done && session.Running(SimLimitUs))
            {
                session.Step();

                IReadOnlyList<UiButton> buttons = window.Buttons;
                Step previous = step;
                switch (step)
                {
                    case Step.WaitForVehicle when Find(buttons, UiAction.SelectVehicle) is not null:
                        InjectedInput.KeyCode(KeyF2);
                        step = Step.WaitForView;
                        break;
                    case Step.WaitForView when Find(buttons, UiAction.RefreshParameters) is { } refresh:
                        InjectedInput.Click(refresh.Rect.MidX, refresh.Rect.MidY);
                        step = Step.WaitForDownload;
                        break;
                    case Step.WaitForDownload when Count(buttons, UiAction.SelectParameter) > 10 && Find(buttons, UiAction.FocusSearch) is { } search:
                        InjectedInput.Click(search.Rect.MidX, search.Rect.MidY);
                        InjectedInput.Text("xy_cru");
                        step = Step.WaitForRow;
                        break;
                    case Step.WaitForRow when Count(buttons, UiAction.SelectParameter) == 1 && Find(buttons, UiAction.SelectParameter, "MPC_XY_CRUISE") is { } row:
                        InjectedInput.Click(row.Rect.MidX, row.Rect.MidY);
                        Retype("7.5");
                        step = Step.WaitForFirstSet;
                        break;
                    case Step.WaitForFirstSet when vehicle.Vehicle.Parameters.Get("MPC_XY_CRUISE") == 7.5:
                        Retype("99");
                        step = Step.WaitForRefusal;
                        break;
                    case Step.WaitForRefusal when vehicle.Clock.TimeUs - stepSinceUs > 8_000_000:
                        // The client resends 4 times at 1 s before it gives up; 8 s of simulated time covers it.
                        step = Step.Done;
                        break;
                    default:
                        break;
                }

                if (step != previous)
                {
                    stepSinceUs = vehicle.Clock.TimeUs;
                }
            }
        }
        finally
        {
            session.Stop();
        }

        Assert.Null(session.Failure);
        Assert.True(step == Step.Done, $"stopped at {step} after {session.ElapsedUs / 1e6:0.0} s simulated, frames {window.FramesRendered}, message '{window.ParametersView.Message}'");
        Assert.Equal(5.0, before);
        Assert.Equal(7.5, vehicle.Vehicle.Parameters.Get("MPC_XY_CRUISE"));
        VehicleParameterTable table = window.ParametersView.Table!;
        Assert.Equal(DownloadState.Complete, table.Download);
        Assert.Equal(vehicle.Vehicle.Parameters.Count, table.Rows.Count);
        Assert.True(table.TryGet("MPC_XY_CRUISE", out ParameterRow shown));
        Assert.Equal(ParameterEditState.Failed, shown.State);
        Assert.StartsWith("refused 99: vehicle holds 7.5", shown.Note, StringComparison.Ordinal);
    }

    /// <summary>Clears the editor (it holds the current value) and types a new one, then Enter.</summary>
    private static void Retype(string text)
    {
        for (int i = 0; i < 12; i++)
        {
            InjectedInput.KeyCode(8);
        }

        InjectedInput.Text(text);
        InjectedInput.KeyCode(13);
    }

    private static int Count(IReadOnlyList<UiButton> buttons, UiAction action) => buttons.Count(b => b.Action == action);

    private static UiButton? Find(IReadOnlyList<UiButton> buttons, UiAction action, string? label = null) => WindowOnSitlQuad.Find(buttons, action, label);
}
