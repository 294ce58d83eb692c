using StrategicTech.Autopilot.Parameters;

namespace StrategicTech.Autopilot.Tests.Parameters;

public class ParameterStoreTests
{
    private static ParameterStore Small() => new(
    [
        new ParameterDefinition("GAIN_P", ParameterType.Float, 1.5, 0, 10, "1/s", "a gain"),
        new ParameterDefinition("MODE", ParameterType.Int32, 2, 0, 5, "", "a mode"),
        new ParameterDefinition("CUTOFF_HZ", ParameterType.Float, 30, 0, 1000, "Hz", "a cutoff"),
    ]);

    [Theory]
    [InlineData("ABCDEFGHIJKLMNOPQ", "1 to 16 characters")]
    [InlineData("", "1 to 16 characters")]
    [InlineData("mpc_xy_p", "character 'm'")]
    [InlineData("MPC XY", "character ' '")]
    public void Names_follow_the_mavlink_param_id_rule(string name, string expected)
    {
        var e = Assert.Throws<ArgumentException>(
            () => new ParameterDefinition(name, ParameterType.Float, 0, 0, 1, "", ""));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sixteen_character_names_are_allowed()
    {
        var d = new ParameterDefinition("MPC_XY_VEL_P_ACC", ParameterType.Float, 1, 0, 2, "", "");
        Assert.Equal(16, d.Name.Length);
    }

    [Fact]
    public void Default_outside_the_limits_is_rejected()
    {
        var e = Assert.Throws<ArgumentException>(
            () => new ParameterDefinition("X", ParameterType.Float, 11, 0, 10, "m", ""));
        Assert.Contains("parameter X: default value 11 is outside [0, 10] m", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_names_are_rejected()
    {
        var e = Assert.Throws<ArgumentException>(() => new ParameterStore(
        [
            new ParameterDefinition("A", ParameterType.Float, 0, 0, 1, "", ""),
            new ParameterDefinition("A", ParameterType.Float, 0, 0, 1, "", ""),
        ]));
        Assert.Contains("parameter A is defined twice", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Out_of_range_set_names_the_parameter_and_limits_and_changes_nothing()
    {
        ParameterStore store = Small();
        long version = store.Version;
        var e = Assert.Throws<ParameterException>(() => store.Set("GAIN_P", 12.5));
        Assert.Equal("parameter GAIN_P: value 12.5 is outside [0, 10] 1/s", e.Message);
        Assert.Equal("GAIN_P", e.ParameterName);
        Assert.Equal(1.5, store.Get("GAIN_P"));
        Assert.Equal(version, store.Version);
        Assert.Equal(1, store.RejectedCount);
    }

    [Theory]
    [InlineData("GAIN_P", double.NaN, ParameterSetResult.NotFinite)]
    [InlineData("GAIN_P", double.PositiveInfinity, ParameterSetResult.NotFinite)]
    [InlineData("GAIN_P", -0.1, ParameterSetResult.OutOfRange)]
    [InlineData("MODE", 2.5, ParameterSetResult.NotWholeNumber)]
    [InlineData("MODE", 6, ParameterSetResult.OutOfRange)]
    [InlineData("NOPE", 1, ParameterSetResult.UnknownName)]
    [InlineData("MODE", 2, ParameterSetResult.Unchanged)]
    [InlineData("MODE", 5, ParameterSetResult.Accepted)]
    [InlineData("GAIN_P", 10, ParameterSetResult.Accepted)]
    public void Try_set_reports_why_a_value_is_refused(string name, double value, ParameterSetResult expected)
    {
        ParameterStore store = Small();
        Assert.Equal(expected, store.TrySet(name, value));
        bool refused = expected is not (ParameterSetResult.Accepted or ParameterSetResult.Unchanged);
        Assert.Equal(refused ? 1 : 0, store.RejectedCount);
        Assert.Equal(expected == ParameterSetResult.Accepted ? 1 : 0, store.Version);
    }

    [Fact]
    public void Int32_parameters_read_as_integers_and_floats_do_not()
    {
        ParameterStore store = Small();
        store.Set("MODE", 4);
        Assert.Equal(4, store.GetInt32("MODE"));
        Assert.Throws<ParameterException>(() => store.GetInt32("GAIN_P"));
        var e = Assert.Throws<ParameterException>(() => store.Get("MISSING"));
        Assert.Equal("parameter MISSING: unknown parameter", e.Message);
    }

    [Fact]
    public void Save_and_load_round_trip_every_value_exactly()
    {
        ParameterStore store = Small();
        store.Set("GAIN_P", 0.1 + 0.2); // 0.30000000000000004: needs round-trip formatting
        store.Set("MODE", 5);
        store.Set("CUTOFF_HZ", 1.0 / 3.0);
        var text = new StringWriter();
        store.Save(text);

        ParameterStore loaded = Small();
        int count = loaded.Load(new StringReader(text.ToString()), "memory");
        Assert.Equal(3, count);
        for (int i = 0; i < store.Count; i++)
        {
            Assert.Equal(store.Get(i), loaded.Get(i));
        }
    }

    [Fact]
    public void Files_round_trip_through_disk()
    {
        string path = Path.Combine(Path.GetTempPath(), $"params-{Guid.NewGuid():N}.txt");
        try
        {
            ParameterStore store = MulticopterControlParameters.CreateStore();
            store.Set("MC_ROLLRATE_P", 0.1234567890123);
            store.Set("MC_AIRFRAME", 1);
            store.SaveFile(path);

            ParameterStore loaded = MulticopterControlParameters.CreateStore();
            Assert.Equal(store.Count, loaded.LoadFile(path));
            Assert.Equal(0.1234567890123, loaded.Get("MC_ROLLRATE_P"));
            Assert.Equal(1, loaded.GetInt32("MC_AIRFRAME"));
            Assert.False(File.Exists(path + ".tmp"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("GAIN_P 2\nMODE\n", 2, "expected 'NAME VALUE', found 1 fields")]
    [InlineData("# ok\nGAIN_P 2\nBOGUS 1\n", 3, "unknown parameter 'BOGUS'")]
    [InlineData("GAIN_P 2\n\nGAIN_P 3\n", 3, "parameter GAIN_P already set on line 1")]
    [InlineData("GAIN_P two\n", 1, "parameter GAIN_P: 'two' is not a number")]
    [InlineData("GAIN_P 2\nMODE 1.5\n", 2, "parameter MODE: value 1.5 is not a whole number (type Int32)")]
    [InlineData("CUTOFF_HZ 5000\n", 1, "parameter CUTOFF_HZ: value 5000 is outside [0, 1000] Hz")]
    [InlineData("GAIN_P 1e400\n", 1, "value Infinity is not a finite number")]
    public void Bad_files_are_refused_naming_the_line_and_nothing_is_applied(string content, int line, string expected)
    {
        ParameterStore store = Small();
        var e = Assert.Throws<ParameterFileException>(() => store.Load(new StringReader(content), "vehicle.params"));
        Assert.Equal(line, e.LineNumber);
        Assert.StartsWith($"vehicle.params:{line}: ", e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.Equal(1.5, store.Get("GAIN_P"));
        Assert.Equal(0, store.Version);
    }

    [Fact]
    public void Parameters_absent_from_a_file_keep_their_values()
    {
        ParameterStore store = Small();
        store.Set("MODE", 4);
        store.Load(new StringReader("# header\n  GAIN_P\t7   # comment after the value\n\n"), "x");
        Assert.Equal(7, store.Get("GAIN_P"));
        Assert.Equal(4, store.GetInt32("MODE"));
    }

    [Fact]
    public void Reset_to_defaults_restores_every_value()
    {
        ParameterStore store = Small();
        store.Set("GAIN_P", 3);
        store.Set("MODE", 0);
        store.ResetToDefaults();
        Assert.Equal(1.5, store.Get("GAIN_P"));
        Assert.Equal(2, store.GetInt32("MODE"));
    }
}
