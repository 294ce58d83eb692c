namespace StrategicTech.Navigation.Logs;

/// <summary>Format limits that follow from the message header (uint16 payload size).</summary>
internal static class ULogLimits
{
    public const int HeaderBytes = 16;
    public const int MessageHeaderBytes = 3;
    public const int MaxPayloadBytes = ushort.MaxValue;

    /// <summary>Nesting deeper than this is treated as a cycle in the format definitions.</summary>
    public const int MaxNestingDepth = 16;
}
