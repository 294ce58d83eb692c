using StrategicTech.Navigation.Estimation.Uav;
using StrategicTech.Navigation.Estimation.Uav.Replay;
using StrategicTech.TestSupport;

namespace StrategicTech.Navigation.Tests.Estimation;

public sealed class UavEkfInputTests
{
    [Theory]
    [InlineData("4000,imu,1,2,3,4,5", "replay.csv:1: 'imu' needs 6 values, got 5")]
    [InlineData("abc,baro,1", "replay.csv:1: time_us 'abc' is not a non-negative integer")]
    [InlineData("4000,lidar,1", "replay.csv:1: unknown kind 'lidar'")]
    [InlineData("4000,baro,nan", "replay.csv:1: value 1 of 'baro' ('nan') is not a finite number")]
    [InlineData("4000", "replay.csv:1: expected 'time_us,kind,...', got '4000'")]
    public void Malformed_replay_line_names_file_and_line(string line, string message)
    {
        var ex = Assert.Throws<ReplayFormatException>(() => Px4ReplayCsvReader.Read(new StringReader(line), "replay.csv"));
        Assert.Equal(message, ex.Message);
        Assert.Equal(1, ex.LineNumber);
    }

    [SharedDataFact]
    public void Replay_reader_reads_gps_fields_in_file_order_and_counts_every_kind()
    {
        const string text = "200000,gps,488103.0,85456073.0,473977508.0,-0.01,0.02,0.5\n\n4000,landed,1.0\n";
        List<ReplayRecord> records = Px4ReplayCsvReader.Read(new StringReader(text), "x.csv");
        Assert.Equal(2, records.Count);
        Assert.Equal(new ReplayRecord(200000, ReplayRecordKind.Gps, 488103.0, 85456073.0, 473977508.0, -0.01, 0.02, 0.5), records[0]);
        Assert.Equal(ReplayRecordKind.Landed, records[1].Kind);

        List<ReplayRecord> all = Px4ReplayCsvReader.ReadFile(SharedData.PathOf("logs", "px4_ecl", "replay_data_iris_gps.csv"));
        Assert.Equal(7062, all.Count(r => r.Kind == ReplayRecordKind.Imu));
        Assert.Equal(169, all.Count(r => r.Kind == ReplayRecordKind.Gps));
        Assert.Equal(6883, all.Count(r => r.Kind == ReplayRecordKind.Baro));
    }

    [SharedDataFact]
    public void Malformed_change_indication_row_names_file_line_and_column()
    {
        string header = "Timestamp," + string.Join(',', Enumerable.Range(0, 24).Select(i => $"state[{i}]")) + "," + string.Join(',', Enumerable.Range(0, 24).Select(i => $"variance[{i}]"));
        string row = "15000," + string.Join(',', Enumerable.Repeat("0", 47)) + ",x";
        var ex = Assert.Throws<ReplayFormatException>(() => ChangeIndicationCsvReader.Read(new StringReader(header + "\n" + row), "ci.csv"));
        Assert.Equal("ci.csv:2: variance[23] 'x' is not a finite number", ex.Message);
        List<ChangeIndicationRow> rows = ChangeIndicationCsvReader.ReadFile(SharedData.PathOf("logs", "px4_ecl", "change_indication_iris_gps.csv"));
        Assert.Equal(350, rows.Count);
        Assert.Equal(34_885_000, rows[^1].TimeUs);
    }

    [Fact]
    public void Out_of_range_parameter_throws_naming_it()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new UavEkfParameters { GnssPositionGateSd = 0.5 });
        Assert.Equal(nameof(UavEkfParameters.GnssPositionGateSd), ex.ParamName);
        var ex2 = Assert.Throws<ArgumentOutOfRangeException>(() => new UavEkfParameters { GyroNoiseRadps = double.NaN });
        Assert.Equal(nameof(UavEkfParameters.GyroNoiseRadps), ex2.ParamName);
        Assert.Equal(110_000, new UavEkfParameters().HorizonUs);
    }
}
