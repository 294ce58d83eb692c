namespace StrategicTech.Navigation.Logs;

/// <summary>
/// How the reader treats damage in the data section. Damage in the header or definitions section always throws
/// <see cref="ULogFormatException"/>: without valid definitions no sample can be interpreted.
/// </summary>
public sealed record ULogReadOptions
{
    /// <summary>Default: lenient (like PX4's own tools) — a corrupt data-section message is counted and skipped.</summary>
    public static ULogReadOptions Default { get; } = new();

    /// <summary>
    /// When true, the first corrupt data-section message throws <see cref="ULogFormatException"/>. When false
    /// (default), it is counted in <see cref="ULogReadReport"/> and skipped: by its own size when plausible messages
    /// follow it, else by resynchronising on the next offset where three consecutive plausible messages start. A
    /// message cut off by the end of the file (a log that stopped on power loss) is counted as a truncated tail,
    /// never thrown. Accepted samples are always kept.
    /// </summary>
    public bool Strict { get; init; }

    /// <summary>At most this many problem descriptions are kept (all are counted).</summary>
    public int MaxProblemsRecorded { get; init; } = 100;
}
