namespace StrategicTech.Navigation.Amr;

/// <summary>
/// Nav2's navigation recovery round robin: each time following or planning fails, the next step in
/// clear costmaps → spin → back up → wait (then around again) runs, at most <see cref="MaxRetries"/> times per goal;
/// after that the goal fails. A success (the robot made progress) does not reset the count, as in Nav2's
/// RecoveryNode, so a goal cannot loop forever.
/// </summary>
public sealed class RecoverySequence
{
    private const int StepCount = 4;

    public RecoverySequence(int maxRetries = 6)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRetries, 0);
        MaxRetries = maxRetries;
    }

    public int MaxRetries { get; }

    /// <summary>Recoveries started for the current goal.</summary>
    public int Attempts { get; private set; }

    public bool IsExhausted => Attempts >= MaxRetries;

    /// <summary>Starts over for a new goal.</summary>
    public void Reset() => Attempts = 0;

    /// <summary>The next step to run; false when the retries are used up.</summary>
    public bool TryNext(out RecoveryStep step)
    {
        if (IsExhausted)
        {
            step = default;
            return false;
        }

        step = (RecoveryStep)(Attempts % StepCount);
        Attempts++;
        return true;
    }
}
