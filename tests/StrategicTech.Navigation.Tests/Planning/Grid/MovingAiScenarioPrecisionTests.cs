using StrategicTech.Navigation.Planning;
using StrategicTech.Navigation.Planning.Grid;

namespace StrategicTech.Navigation.Tests.Planning.Grid;

// Tolerances in this class are rounding epsilons on exact identities (the tolerance parsed from the printed digits).
public class MovingAiScenarioPrecisionTests
{
    [Fact]
    public void Tolerance_is_half_a_unit_of_the_last_printed_decimal()
    {
        MovingAiScenario scen = MovingAiScenario.Parse(
            "version 1.0\n0\tm.map\t8\t8\t0\t0\t2\t1\t2.41\n0\tm.map\t8\t8\t0\t0\t3\t1\t3.41421356\n0\tm.map\t8\t8\t0\t0\t4\t4\t5.65685\n", "m.scen");
        Assert.Equal(0.005, scen.Entries[0].OptimalLengthTolerance, 1e-8);
        Assert.Equal(5e-9, scen.Entries[1].OptimalLengthTolerance, 1e-8);
        Assert.Equal(5e-6, scen.Entries[2].OptimalLengthTolerance, 1e-8);
    }

    [Fact]
    public void A_whole_number_length_takes_the_files_finest_precision()
    {
        // %g prints 2.00000 as "2": the value is exact to the digits the rest of the file carries.
        MovingAiScenario scen = MovingAiScenario.Parse("version 1\n0\tm.map\t8\t8\t0\t0\t2\t0\t2\n0\tm.map\t8\t8\t0\t0\t4\t4\t5.65685\n", "m.scen");
        Assert.Equal(5e-6, scen.Entries[0].OptimalLengthTolerance, 1e-8);
    }

    [Fact]
    public void A_version_2_decimal_length_is_within_its_tolerance_of_the_true_optimum()
    {
        MovingAiScenario scen = MovingAiScenario.Parse("version 1.0\n0\tm.map\t8\t8\t0\t0\t2\t1\t2.41\n", "m.scen");
        ScenarioEntry e = scen.Entries[0];
        Assert.True(Math.Abs((1 + Math.Sqrt(2)) - e.OptimalLength) <= e.OptimalLengthTolerance);
        Assert.False(Math.Abs((1 + Math.Sqrt(2)) + 0.01 - e.OptimalLength) <= e.OptimalLengthTolerance);
    }

    [Fact]
    public void AcceptsCost_takes_a_2_decimal_optimum_to_its_precision_and_lets_an_any_angle_path_be_shorter_only()
    {
        // The check 'plan bench' and the planner benchmark share: 2.41 printed for 1 + √2 = 2.41421…
        ScenarioEntry e = MovingAiScenario.Parse("version 1.0\n0\tm.map\t8\t8\t0\t0\t2\t1\t2.41\n", "m.scen").Entries[0];
        Assert.True(e.AcceptsCost(1 + Math.Sqrt(2)));
        Assert.False(Math.Abs((1 + Math.Sqrt(2)) - e.OptimalLength) <= 1e-5 * e.OptimalLength); // the old fixed 1e-5 refused it
        Assert.False(e.AcceptsCost(2.42));
        Assert.False(e.AcceptsCost(2.2));
        Assert.True(e.AcceptsCost(2.2, anyAngle: true));
        Assert.False(e.AcceptsCost(2.42, anyAngle: true));
    }

    [Theory]
    [InlineData("version 1\n")]
    [InlineData("version 1.0\n\n\n")]
    public void A_scenario_file_without_queries_is_refused(string text)
    {
        var e = Assert.Throws<MapFormatException>(() => MovingAiScenario.Parse(text, "/x/empty.scen"));
        Assert.Equal("queries", e.Field);
        Assert.Contains("empty.scen", e.Message, StringComparison.Ordinal);
        Assert.Contains("no queries", e.Message, StringComparison.Ordinal);
    }
}
