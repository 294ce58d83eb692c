using System.Text.RegularExpressions;
using StrategicTech.TestSupport;

namespace StrategicTech.Architecture.Tests;

/// <summary>Logic takes time from an injected clock: no DateTime.Now/UtcNow (or DateTimeOffset's) in navigation/ or autopilot/.</summary>
public partial class ClockUsageTests
{
    [Fact]
    public void No_source_under_navigation_or_autopilot_reads_the_wall_date()
    {
        var offenders = new List<string>();
        int files = 0;
        foreach (string layer in new[] { "navigation", "autopilot" })
        {
            string dir = Path.Combine(SharedData.RepositoryRoot, layer);
            foreach (string file in Directory.EnumerateFiles(dir, "*.cs", SearchOption.AllDirectories))
            {
                string normalized = file.Replace('\\', '/');
                if (normalized.Contains("/obj/", StringComparison.Ordinal) || normalized.Contains("/bin/", StringComparison.Ordinal))
                {
                    continue;
                }

                files++;
                string[] lines = File.ReadAllLines(file);
                for (int i = 0; i < lines.Length; i++)
                {
                    if (FindsWallDate(lines[i]))
                    {
                        offenders.Add($"{Path.GetRelativePath(SharedData.RepositoryRoot, file)}:{i + 1}: {lines[i].Trim()}");
                    }
                }
            }
        }

        Assert.True(files > 10, $"only {files} source files scanned");
        Assert.True(offenders.Count == 0, "use an injected IClock instead:\n" + string.Join("\n", offenders));
    }

    [Theory]
    [InlineData("var t = DateTime.Now;", true)]
    [InlineData("long x = System.DateTime.UtcNow.Ticks;", true)]
    [InlineData("var o = DateTimeOffset . UtcNow;", true)]
    [InlineData("// DateTime.Now is forbidden here", false)]
    [InlineData("long t = clock.TimeUs; // not DateTime.UtcNow", false)]
    [InlineData("var d = DateTime.Nowhere;", false)]
    public void Detector_flags_code_but_not_comments(string line, bool expected) => Assert.Equal(expected, FindsWallDate(line));

    /// <summary>True if the code part of a line (before any // comment) reads DateTime(Offset).Now/UtcNow.</summary>
    public static bool FindsWallDate(string line)
    {
        int comment = line.IndexOf("//", StringComparison.Ordinal);
        string code = comment >= 0 ? line[..comment] : line;
        return WallDate().IsMatch(code);
    }

    [GeneratedRegex(@"\bDateTime(Offset)?\s*\.\s*(Now|UtcNow)\b")]
    private static partial Regex WallDate();
}
