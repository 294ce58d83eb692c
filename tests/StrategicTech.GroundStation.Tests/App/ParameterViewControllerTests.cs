using StrategicTech.Drivers.Mavlink.Dialects.Common;
using StrategicTech.Drivers.Mavlink.Microservices.Parameters;
using StrategicTech.GroundStation.App;
using StrategicTech.GroundStation.Model;
using StrategicTech.GroundStation.Parameters;
using StrategicTech.GroundStation.Telemetry;

namespace StrategicTech.GroundStation.Tests.App;

/// <summary>
/// The parameter view without a window, against a scripted parameter service: progress counts distinct indices,
/// the editor refuses a value outside the parameter's type before anything is sent, a refused set shows the value
/// the vehicle kept, and a <c>.params</c> load sends only what differs and names what it skipped.
/// </summary>
public sealed class ParameterViewControllerTests
{
    private readonly Fleet _fleet = new();
    private readonly ScriptedService _service = new();
    private readonly ParameterViewController _ui;

    public ParameterViewControllerTests()
    {
        _fleet.Apply(new TelemetrySample { Kind = TelemetryKind.Heartbeat, SystemId = 1, TimeUs = 1, I0 = (4u << 16) | (3u << 24), I1 = 0x01, I2 = 2 | (12 << 8) | (4 << 16) });
        _ui = new ParameterViewController(_fleet, _service);
    }

    [Fact]
    public void Download_progress_counts_distinct_indices_of_param_count_and_repeats_do_not_count_twice()
    {
        _ui.Update(1280, 720);
        _ui.Refresh();
        Assert.Equal([(byte)1], _service.Downloads);
        _service.Value("MPC_XY_CRUISE", 0, 3, ParameterValue.FromFloat(5));
        _service.Value("MPC_XY_CRUISE", 0, 3, ParameterValue.FromFloat(5));
        _service.Value("NAV_DLL_ACT", 2, 3, ParameterValue.FromInteger(MavParamType.Int32, 2));
        _ui.Update(1280, 720);

        Assert.Equal(DownloadState.Downloading, _ui.Table!.Download);
        Assert.Equal(2, _ui.Table.ReceivedCount);
        Assert.Equal(3, _ui.Table.ExpectedCount);
        Assert.Equal(2.0 / 3.0, _ui.Table.Progress, 12);
        _service.Post(new ParameterEvent(ParameterEventKind.DownloadComplete, 1, 1, string.Empty, -1, 3, default, string.Empty));
        _ui.Update(1280, 720);
        Assert.Equal(DownloadState.Complete, _ui.Table.Download);
        Assert.Equal(1.0, _ui.Table.Progress);
    }

    [Fact]
    public void Searching_filters_rows_case_insensitively_and_rows_become_clickable_buttons_by_name()
    {
        Load(("MPC_XY_CRUISE", ParameterValue.FromFloat(5)), ("MPC_LAND_SPEED", ParameterValue.FromFloat(0.7f)), ("NAV_DLL_ACT", ParameterValue.FromInteger(MavParamType.Int32, 2)));
        ClickAction(UiAction.FocusSearch);
        _ui.Text("mpc_");
        _ui.Update(1280, 720);

        Assert.Equal(["MPC_LAND_SPEED", "MPC_XY_CRUISE"], _ui.Visible.Select(r => r.Name));
        Assert.Equal(["MPC_LAND_SPEED", "MPC_XY_CRUISE"], _ui.Buttons.Where(b => b.Action == UiAction.SelectParameter).Select(b => b.Label));
    }

    [Fact]
    public void An_edit_outside_the_parameters_type_is_refused_with_a_sentence_and_nothing_is_sent()
    {
        Load(("CAL_ACC0_ID", ParameterValue.FromInteger(MavParamType.Uint8, 1)));
        ClickRow("CAL_ACC0_ID");
        Assert.Equal(ParameterFocus.Edit, _ui.Focus);
        Assert.Equal("1", _ui.Edit.Text);
        _ui.Key(8);
        _ui.Text("300");
        _ui.Key(13);

        Assert.Empty(_service.Sets);
        Assert.True(_ui.MessageIsError);
        Assert.Contains("300 is outside an unsigned 8-bit parameter", _ui.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_valid_edit_is_sent_typed_and_a_refusal_shows_the_value_the_vehicle_kept()
    {
        Load(("MPC_XY_CRUISE", ParameterValue.FromFloat(5)));
        ClickRow("MPC_XY_CRUISE");
        _ui.Key(8);
        _ui.Text("50");
        ClickAction(UiAction.SendParameter);

        (byte system, string name, ParameterValue value) = Assert.Single(_service.Sets);
        Assert.Equal((1, "MPC_XY_CRUISE", ParameterValue.FromFloat(50)), (system, name, value));
        Assert.Equal(ParameterEditState.Sending, _ui.Selected!.State);

        _service.Value("MPC_XY_CRUISE", 0, 1, ParameterValue.FromFloat(5));
        _service.Post(new ParameterEvent(ParameterEventKind.SetFailed, 1, 1, "MPC_XY_CRUISE", -1, 0, ParameterValue.FromFloat(50), "echoed 5"));
        _ui.Update(1280, 720);

        Assert.Equal(ParameterEditState.Failed, _ui.Selected.State);
        Assert.StartsWith("refused 50: vehicle holds 5", _ui.Selected.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Loading_a_params_file_sends_only_values_that_differ_and_names_unknown_and_out_of_range_entries()
    {
        Load(("MPC_XY_CRUISE", ParameterValue.FromFloat(5)), ("MPC_LAND_SPEED", ParameterValue.FromFloat(0.7f)), ("CAL_ACC0_ID", ParameterValue.FromInteger(MavParamType.Uint8, 1)));
        string path = Path.Combine(Path.GetTempPath(), "gcs-load-" + Guid.NewGuid().ToString("N") + ".params");
        File.WriteAllText(path, "1\t1\tMPC_XY_CRUISE\t8\t9\n1\t1\tMPC_LAND_SPEED\t0.7\t9\n1\t1\tNOT_ON_VEHICLE\t1\t9\n1\t1\tCAL_ACC0_ID\t70000\t6\n");
        try
        {
            _ui.FilePath.Set(path);
            ClickAction(UiAction.LoadParameters);
        }
        finally
        {
            File.Delete(path);
        }

        (byte system, string name, ParameterValue value) = Assert.Single(_service.Sets);
        Assert.Equal((1, "MPC_XY_CRUISE", ParameterValue.FromFloat(8)), (system, name, value));
        Assert.True(_ui.MessageIsError);
        Assert.Contains("1 sent, 1 unchanged", _ui.Message, StringComparison.Ordinal);
        Assert.Contains("1 unknown to the vehicle (skipped: NOT_ON_VEHICLE)", _ui.Message, StringComparison.Ordinal);
        Assert.Contains("1 out of range for the vehicle's type (skipped: CAL_ACC0_ID)", _ui.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Saving_writes_a_file_that_loads_back_without_sending_anything()
    {
        Load(("MPC_XY_CRUISE", ParameterValue.FromFloat(5.25f)), ("NAV_DLL_ACT", ParameterValue.FromInteger(MavParamType.Int32, -2)));
        string path = Path.Combine(Path.GetTempPath(), "gcs-save-" + Guid.NewGuid().ToString("N") + ".params");
        try
        {
            _ui.FilePath.Set(path);
            ClickAction(UiAction.SaveParameters);
            Assert.False(_ui.MessageIsError, _ui.Message);
            Assert.Equal(2, ParamsFile.Read(path).Count);
            ClickAction(UiAction.LoadParameters);
        }
        finally
        {
            File.Delete(path);
        }

        Assert.Empty(_service.Sets);
        Assert.Contains("0 sent, 2 unchanged", _ui.Message, StringComparison.Ordinal);
    }

    private void Load(params (string Name, ParameterValue Value)[] values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            _service.Value(values[i].Name, i, values.Length, values[i].Value);
        }

        _ui.Update(1280, 720);
    }

    private void ClickAction(UiAction action)
    {
        _ui.Update(1280, 720);
        UiButton b = _ui.Buttons.First(x => x.Action == action);
        _ui.MouseUp(b.Rect.MidX, b.Rect.MidY);
    }

    private void ClickRow(string name)
    {
        _ui.Update(1280, 720);
        UiButton b = _ui.Buttons.First(x => x.Action == UiAction.SelectParameter && x.Label == name);
        _ui.MouseUp(b.Rect.MidX, b.Rect.MidY);
    }

    private sealed class ScriptedService : IParameterService
    {
        private readonly Queue<ParameterEvent> _events = new();

        public List<byte> Downloads { get; } = [];

        public List<(byte System, string Name, ParameterValue Value)> Sets { get; } = [];

        public void Download(byte systemId) => Downloads.Add(systemId);

        public void Set(byte systemId, string name, ParameterValue value) => Sets.Add((systemId, name, value));

        public bool TryTake(out ParameterEvent parameterEvent) => _events.TryDequeue(out parameterEvent);

        public void Post(ParameterEvent e) => _events.Enqueue(e);

        public void Value(string name, int index, int count, ParameterValue value) =>
            Post(new ParameterEvent(ParameterEventKind.Value, 1, 1, name, index, count, value, string.Empty));
    }
}
