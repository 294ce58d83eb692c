namespace StrategicTech.Fleet.Core;

/// <summary>
/// Order changes go to the store in the background (one writer, commits in order). The API waits for the write
/// of the latest change before it shows a snapshot, so an order it showed completed is completed after a kill
/// and restart too (a completion shown and then lost would send the robot to deliver again).
/// </summary>
public sealed partial class FleetManager
{
    private Task _lastWrite = Task.CompletedTask;

    /// <summary>Completes once every order change made so far is committed (or its write failed, which the store counts).</summary>
    public Task WrittenAsync()
    {
        lock (_gate)
        {
            return _lastWrite;
        }
    }
}
