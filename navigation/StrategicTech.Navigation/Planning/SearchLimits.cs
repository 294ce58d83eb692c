namespace StrategicTech.Navigation.Planning;

/// <summary>
/// Bounds on one query: an expansion budget and a cancellation token polled every <see cref="CheckInterval"/>
/// expansions (polling each expansion would cost more than the expansion itself).
/// </summary>
public readonly record struct SearchLimits(int MaxExpansions, CancellationToken Cancellation, int CheckInterval)
{
    /// <summary>No expansion limit, no cancellation, poll every 1024 expansions.</summary>
    public static SearchLimits None => new(int.MaxValue, CancellationToken.None, 1024);

    /// <summary>Mask for the poll test; <see cref="CheckInterval"/> is rounded up to a power of two.</summary>
    internal int PollMask => (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(1, CheckInterval)) - 1;

    internal int Budget => MaxExpansions <= 0 ? int.MaxValue : MaxExpansions;
}
