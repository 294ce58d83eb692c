using StrategicTech.Autopilot.Parameters;

namespace StrategicTech.Autopilot.Tests.Parameters;

public class ParameterCombinationTests
{
    [Fact]
    public void A_set_breaking_the_combination_rule_is_refused_and_leaves_the_table_unchanged()
    {
        ParameterStore store = MulticopterControlParameters.CreateStore();
        long version = store.Version;
        Assert.Equal(ParameterSetResult.InvalidCombination, store.TrySet(store.IndexOf("MPC_THR_MIN"), 0.5)); // hover is 0.5: MIN < HOVER broken
        Assert.Equal(0.08, store.Get("MPC_THR_MIN"));
        Assert.Equal(version, store.Version);
        Assert.Equal(1, store.RejectedCount);
        Assert.Equal(ParameterSetResult.Accepted, store.TrySet(store.IndexOf("MPC_THR_MIN"), 0.3));
        Assert.Equal(version + 1, store.Version);
    }

    [Fact]
    public void A_parameter_file_breaking_the_combination_rule_is_refused_whole_but_one_fixing_it_in_two_lines_loads()
    {
        ParameterStore store = MulticopterControlParameters.CreateStore();
        var e = Assert.Throws<ParameterFileException>(() => store.Load(new StringReader("MPC_XY_P 2\nMPC_THR_HOVER 0.06\n"), "bad.params"));
        Assert.Contains("bad.params:0:", e.Message, StringComparison.Ordinal);
        Assert.Equal(0.95, store.Get("MPC_XY_P"));
        Assert.Equal(0.5, store.Get("MPC_THR_HOVER"));

        // HOVER 0.06 alone breaks MIN (0.08) < HOVER; with MIN 0.03 from the same file the table is valid (checked whole).
        Assert.Equal(2, store.Load(new StringReader("MPC_THR_MIN 0.03\nMPC_THR_HOVER 0.06\n"), "good.params"));
        Assert.Equal(0.06, store.Get("MPC_THR_HOVER"));
    }
}
