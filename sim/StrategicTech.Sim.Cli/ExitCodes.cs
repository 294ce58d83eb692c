namespace StrategicTech.Sim.Cli;

/// <summary>Process exit codes shared by every verb.</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The job ran, but its pass criteria or checks did not hold.</summary>
    public const int CheckFailed = 1;

    /// <summary>Bad arguments or a malformed input file.</summary>
    public const int BadInput = 2;
}
