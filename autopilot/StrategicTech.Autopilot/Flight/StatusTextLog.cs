namespace StrategicTech.Autopilot.Flight;

/// <summary>
/// The newest <see cref="Capacity"/> status texts in a ring. Readers remember the last <see cref="StatusText.Sequence"/>
/// they saw and fetch newer ones with <see cref="TryGet"/>; texts older than the ring are gone (the reader sees a gap
/// in the sequence). Reading never allocates; a text allocates its string when created (rare events, not per tick).
/// Single-threaded like the loop that owns it.
/// </summary>
public sealed class StatusTextLog
{
    public const int Capacity = 8;

    private readonly StatusText[] ring = new StatusText[Capacity];

    /// <summary>Texts announced so far (the sequence of the newest).</summary>
    public long Count { get; private set; }

    /// <summary>The text with this sequence number, while it is still in the ring.</summary>
    public bool TryGet(long sequence, out StatusText text)
    {
        if (sequence < 1 || sequence > Count || sequence <= Count - Capacity)
        {
            text = default;
            return false;
        }

        text = ring[(int)((sequence - 1) % Capacity)];
        return true;
    }

    /// <summary>The newest text (default when none yet).</summary>
    public StatusText Latest => Count == 0 ? default : ring[(int)((Count - 1) % Capacity)];

    public void Add(long timeUs, StatusSeverity severity, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Count++;
        ring[(int)((Count - 1) % Capacity)] = new StatusText(Count, timeUs, severity, text);
    }
}
