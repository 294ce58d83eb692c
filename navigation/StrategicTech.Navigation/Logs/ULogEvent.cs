namespace StrategicTech.Navigation.Logs;

/// <summary>
/// One PX4 event (the <c>event</c> topic, PX4's events interface): the 32-bit id is the 8-bit component (namespace)
/// id above a 24-bit sub id; <c>log_levels</c> holds the internal level in its upper 4 bits and the external one in
/// the lower 4 (0 emergency … 7 debug, 8 protocol, 9 disabled). Message texts live in the firmware's event metadata
/// (JSON), which a log does not carry, so the event is shown by id with its raw arguments.
/// </summary>
/// <param name="TimestampUs">Time since boot, µs.</param>
/// <param name="Id">Event id (component &lt;&lt; 24 | sub id).</param>
/// <param name="Sequence">Event sequence number.</param>
/// <param name="InternalLevel">Level for logging (upper 4 bits of log_levels).</param>
/// <param name="ExternalLevel">Level shown to a user (lower 4 bits of log_levels).</param>
/// <param name="Arguments">Raw argument bytes (their meaning depends on the id).</param>
public sealed record ULogEvent(long TimestampUs, uint Id, ushort Sequence, int InternalLevel, int ExternalLevel, byte[] Arguments)
{
    /// <summary>Component (namespace) id: the id's upper 8 bits.</summary>
    public int ComponentId => (int)(Id >> 24);

    /// <summary>Event id within its component: the id's lower 24 bits.</summary>
    public int SubId => (int)(Id & 0xFF_FFFF);

    /// <summary>Name of a level 0..9 as PX4 spells it ("warning"); "level N" beyond.</summary>
    public static string LevelName(int level) => level switch
    {
        0 => "emergency",
        1 => "alert",
        2 => "critical",
        3 => "error",
        4 => "warning",
        5 => "notice",
        6 => "info",
        7 => "debug",
        8 => "protocol",
        9 => "disabled",
        _ => $"level {level}",
    };
}
