namespace StrategicTech.Sim.Tests.Cli;

/// <summary>The <c>companion</c> verb's input checks and its give-up when no flight controller answers.</summary>
public sealed class CompanionCommandTests
{
    [Fact]
    public void HelpNamesTheLinkAndTheRouteOptions()
    {
        (int code, string output, _) = CliRunner.Run("companion", "--help");
        Assert.Equal(0, code);
        Assert.Contains("--fc", output, StringComparison.Ordinal);
        Assert.Contains("--mission", output, StringComparison.Ordinal);
        Assert.Contains("--survey", output, StringComparison.Ordinal);
        Assert.Contains("--takeoff-alt", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--fc", "bogus://x", "cannot open 'bogus://x'")]
    [InlineData("--fc", "udpin://127.0.0.1:0", "--rate must be", "--rate", "500")]
    [InlineData("--fc", "udpin://127.0.0.1:0", "not both", "--mission", "a.plan", "--survey", "b.txt")]
    [InlineData("--fc", "udpin://127.0.0.1:0", "takeoff height must be", "--takeoff-alt", "0")]
    public void BadInputExitsWith2AndSaysWhy(string option, string value, string expected, params string[] more)
    {
        (int code, _, string error) = CliRunner.Run(["companion", option, value, .. more]);
        Assert.Equal(2, code);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void ASurveyPolygonFileWithABadLineExitsWith2NamingTheLine()
    {
        string path = Path.Combine(Path.GetTempPath(), "companion-bad-polygon-" + Guid.NewGuid().ToString("N") + ".txt");
        File.WriteAllText(path, "# area\n47.39,8.54\n47.40,8.54\nnorth,east\n");
        try
        {
            (int code, _, string error) = CliRunner.Run("companion", "--fc", "udpin://127.0.0.1:0", "--survey", path);
            Assert.Equal(2, code);
            Assert.Contains("line 4", error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void WithoutAFlightControllerHeartbeatWithinTheWaitItExitsWith1()
    {
        (int code, string output, string error) = CliRunner.Run("companion", "--fc", "udpin://127.0.0.1:0", "--wait", "0.5");
        Assert.Equal(1, code);
        Assert.Contains("waiting for a flight controller", output, StringComparison.Ordinal);
        Assert.Contains("no flight controller heartbeat", error, StringComparison.Ordinal);
    }
}
