using StrategicTech.TestSupport;

namespace StrategicTech.Drivers.Vda5050.Tests;

/// <summary>
/// TestData/vda5050-2.1.0-to-3.0.0.md lists every difference between the 2.1.0 and 3.0.0 schemas of the messages
/// both versions have, computed by <see cref="SchemaDiff"/>; this test fails when the note and the schemas disagree.
/// </summary>
public sealed class SchemaDiffNoteTests
{
    public static readonly string[] Messages = ["order", "state", "visualization", "instantActions", "connection", "factsheet"];

    [Fact]
    public void TheNoteListsExactlyTheComputedDifferencesOfEveryMessageBetween210And300()
    {
        var computed = new List<string>();
        foreach (string m in Messages)
        {
            computed.AddRange(SchemaDiff.Between(
                SharedData.PathOf("vda5050", "schemas", "2.1.0", m + ".schema"), SharedData.PathOf("vda5050", "schemas", "3.0.0", m + ".schema"), m));
        }

        string notePath = Path.Combine(AppContext.BaseDirectory, "TestData", "vda5050-2.1.0-to-3.0.0.md");
        List<string> noted = [.. File.ReadAllLines(notePath).Where(l => l.StartsWith("- ", StringComparison.Ordinal) || l.StartsWith("+ ", StringComparison.Ordinal) || l.StartsWith("~ ", StringComparison.Ordinal))];
        Assert.True(computed.Count > 100, $"only {computed.Count} differences computed"); // measured 2.1.0 -> 3.0.0: several hundred
        Assert.Equal(computed, noted);
    }
}
