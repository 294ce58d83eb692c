namespace StrategicTech.Navigation.Logs;

/// <summary>What the reader saw and what it skipped.</summary>
public sealed class ULogReadReport
{
    private readonly List<string> _problems = [];

    /// <summary>Messages read and accepted.</summary>
    public int MessageCount { get; internal set; }

    /// <summary>Messages of a type this reader does not know, skipped by their size (forward compatibility).</summary>
    public int UnknownMessageCount { get; internal set; }

    /// <summary>Malformed data-section messages skipped in lenient mode.</summary>
    public int CorruptMessageCount { get; internal set; }

    /// <summary>Bytes skipped while resynchronising after corrupt messages.</summary>
    public long SkippedBytes { get; internal set; }

    /// <summary>True when the last message was cut off by the end of the file (or of the main log before appended data).</summary>
    public bool TruncatedTail { get; internal set; }

    /// <summary>Bytes of cut-off messages that were dropped.</summary>
    public long TruncatedBytes { get; internal set; }

    /// <summary>Descriptions (offset, message type, reason) of the first problems met.</summary>
    public IReadOnlyList<string> Problems => _problems;

    /// <summary>True when nothing was skipped.</summary>
    public bool IsClean => UnknownMessageCount == 0 && CorruptMessageCount == 0 && !TruncatedTail;

    internal void AddProblem(string text, int max)
    {
        if (_problems.Count < max)
        {
            _problems.Add(text);
        }
    }
}
