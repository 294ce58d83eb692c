namespace StrategicTech.Sim.Scenarios;

/// <summary>A mission item the vehicle skipped: its position in the list, seq, MAV_CMD and the executor's reason.</summary>
public sealed record SkippedItem(int Index, int Seq, ushort Command, string Reason);
