namespace StrategicTech.Drivers.Rosbridge.Messages.Preallocated;

/// <summary>A message decoded in place into reused storage; its header stamp lets a queue report the newest without copying.</summary>
public interface IPreallocatedMessage
{
    RosTime Stamp { get; }
}
