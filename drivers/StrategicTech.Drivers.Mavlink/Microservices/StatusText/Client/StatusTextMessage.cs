using StrategicTech.Drivers.Mavlink.Dialects.Common;

namespace StrategicTech.Drivers.Mavlink.Microservices.StatusText.Client;

/// <summary>
/// One logical status text from (<paramref name="SystemId"/>, <paramref name="ComponentId"/>), reassembled from its
/// chunks. <paramref name="IsComplete"/> is false when chunks were still missing at the timeout: the text then holds
/// what arrived, with "…" where chunks are missing.
/// </summary>
public sealed record StatusTextMessage(byte SystemId, byte ComponentId, MavSeverity Severity, string Text, bool IsComplete, long ReceivedUs);
