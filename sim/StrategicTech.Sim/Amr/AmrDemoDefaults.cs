using StrategicTech.Navigation.Localization;
using StrategicTech.Sim.Ros;

namespace StrategicTech.Sim.Amr;

/// <summary>
/// The built-in demo on <see cref="WarehouseMap"/>: start in the south-west corner, goals in two aisles, and two
/// people walking up and down aisles the robot's route does not enter (the lidar sees them and the costmap marks
/// them; a person in the robot's way is the collision-monitor and blocked-corridor tests' subject).
/// </summary>
public static class AmrDemoDefaults
{
    public static Pose2D Start => new(1.5, 1.0, 0);

    public static IReadOnlyList<Pose2D> Goals => [new(8.0, 3.75, 0), new(14.5, 6.25, Math.PI / 2)];

    public static IReadOnlyList<WalkingPerson> People() =>
    [
        new WalkingPerson(4.0, 8.9, 12.0, 8.9, 0.8),
        new WalkingPerson(4.0, 6.25, 10.0, 6.25, 0.6),
    ];
}
