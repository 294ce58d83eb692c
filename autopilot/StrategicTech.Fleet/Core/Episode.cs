using StrategicTech.Fleet.Execution;

namespace StrategicTech.Fleet.Core;

/// <summary>
/// One planning round: every robot able to move is planned from where it stands to its goal, and the moves are
/// released through the action dependency graph. The episode ends when every plan is finished, or, once aborted
/// (a robot was lost), when every remaining robot has driven what was released to it.
/// </summary>
public sealed class Episode(int number, RobotPlan?[] plans, AdgExecutor executor, int[] participantOf)
{
    public int Number { get; } = number;

    /// <summary>Plan per participant (null: nothing to do this round).</summary>
    public RobotPlan?[] Plans { get; } = plans;

    public AdgExecutor Executor { get; } = executor;

    /// <summary>Robot index of each participant (participant index = ADG robot index).</summary>
    public int[] ParticipantOf { get; } = participantOf;

    public bool Aborting { get; set; }

    public int ParticipantIndexOf(int robotIndex) => Array.IndexOf(ParticipantOf, robotIndex);
}
