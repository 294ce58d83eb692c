namespace StrategicTech.Navigation.Localization;

/// <summary>
/// The odometry motion model of Probabilistic Robotics §5.4 (sample_motion_model_odometry) as Nav2 AMCL's
/// differential model uses it: the odometry delta is split into a rotation towards the direction of travel, a
/// translation and a final rotation, each perturbed by zero-mean Gaussian noise whose variance grows with the
/// motion (α1 rot←rot, α2 rot←trans, α3 trans←trans, α4 trans←rot). Rotation noise uses the smaller of δrot and
/// π − δrot, so driving backwards is not taken as a half turn.
/// </summary>
public static class OdometryMotionModel
{
    /// <summary>Below this translation (m) the direction of travel is undefined and the first rotation is zero.</summary>
    public const double MinTranslationForHeadingM = 0.01;

    /// <summary>The delta split into (first rotation, translation, second rotation) as the model decomposes it.</summary>
    public static (double Rot1Rad, double TransM, double Rot2Rad) Decompose(Pose2D odomBefore, Pose2D odomAfter)
    {
        double dx = odomAfter.XM - odomBefore.XM;
        double dy = odomAfter.YM - odomBefore.YM;
        double trans = Math.Sqrt((dx * dx) + (dy * dy));
        double rot1 = trans < MinTranslationForHeadingM ? 0 : Pose2D.WrapPi(Math.Atan2(dy, dx) - odomBefore.YawRad);
        double rot2 = Pose2D.WrapPi(odomAfter.YawRad - odomBefore.YawRad - rot1);
        return (rot1, trans, rot2);
    }

    /// <summary>
    /// One sample of the pose after the motion for a particle at <paramref name="pose"/>. <paramref name="gaussian"/>
    /// supplies standard normal draws (three per call).
    /// </summary>
    public static Pose2D Sample<TGaussian>(Pose2D pose, double rot1Rad, double transM, double rot2Rad,
        double alpha1, double alpha2, double alpha3, double alpha4, ref TGaussian gaussian)
        where TGaussian : struct, IStandardNormalSource
    {
        double rot1Noise = Math.Min(Math.Abs(rot1Rad), Math.Abs(Pose2D.WrapPi(rot1Rad - Math.PI)));
        double rot2Noise = Math.Min(Math.Abs(rot2Rad), Math.Abs(Pose2D.WrapPi(rot2Rad - Math.PI)));
        double trans2 = transM * transM;

        double rot1Hat = rot1Rad - (Math.Sqrt((alpha1 * rot1Noise * rot1Noise) + (alpha2 * trans2)) * gaussian.NextStandardNormal());
        double transHat = transM - (Math.Sqrt((alpha3 * trans2) + (alpha4 * ((rot1Noise * rot1Noise) + (rot2Noise * rot2Noise)))) * gaussian.NextStandardNormal());
        double rot2Hat = rot2Rad - (Math.Sqrt((alpha1 * rot2Noise * rot2Noise) + (alpha2 * trans2)) * gaussian.NextStandardNormal());

        double heading = pose.YawRad + rot1Hat;
        return new Pose2D(
            pose.XM + (transHat * Math.Cos(heading)),
            pose.YM + (transHat * Math.Sin(heading)),
            Pose2D.WrapPi(pose.YawRad + rot1Hat + rot2Hat));
    }
}
