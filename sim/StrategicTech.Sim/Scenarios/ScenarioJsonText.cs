using System.Text;
using System.Text.Json;

namespace StrategicTech.Sim.Scenarios;

/// <summary>
/// Reading a scenario file's text and opening its JSON, shared by the UAV and AMR scenario loaders so both report
/// unreadable files and malformed JSON the same way: a <see cref="ScenarioFileException"/> naming the file and a
/// 1-based line.
/// </summary>
internal static class ScenarioJsonText
{
    public static string ReadFile(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ScenarioFileException(path, "(file)", 0, e.Message, e);
        }
    }

    /// <summary>Parses <paramref name="json"/> (comments allowed); the caller disposes the document, <paramref name="root"/> reads it with line numbers.</summary>
    public static JsonDocument Open(string json, string source, out ScenarioJsonNode root)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(json);
        JsonDocument document;
        JsonLineIndex lines;
        try
        {
            document = JsonDocument.Parse(utf8, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
            lines = JsonLineIndex.Build(utf8);
        }
        catch (JsonException e)
        {
            // System.Text.Json appends its own 0-based "LineNumber: n | BytePositionInLine: m": keep one (1-based) line only.
            int cut = e.Message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            string problem = cut < 0 ? e.Message : e.Message[..cut];
            throw new ScenarioFileException(source, "(json)", (int)(e.LineNumber ?? -1) + 1, "malformed JSON: " + problem, e);
        }

        root = new ScenarioJsonNode(source, lines, string.Empty, document.RootElement);
        return document;
    }
}
