using System.Reflection;
using Hmc.Native.Bayes;

namespace Hmc.Native.Tests.Backends;

/// <summary>The core assembly carries no GPU dependency: no ILGPU reference and no ILGPU type anywhere in its public API.</summary>
public sealed class CoreApiTests
{
    private const BindingFlags Visible = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static readonly Assembly Core = typeof(ModelSampling).Assembly;

    [Test]
    public void TheCoreAssemblyReferencesNoIlgpuAssembly()
    {
        var references = Core.GetReferencedAssemblies().Select(a => a.Name ?? "").ToList();
        Assert.That(references, Has.None.StartsWith("ILGPU"));
        Assert.That(references, Has.None.EqualTo("Hmc.Native.Kernels").And.None.EqualTo("Hmc.Native.Gpu"));
    }

    [Test]
    public void NoPublicSignatureOfTheCoreMentionsAnIlgpuType()
    {
        var offenders = Core.GetExportedTypes()
            .SelectMany(type => SignatureTypes(type).Where(IsIlgpu).Select(t => $"{type.FullName}: {t.FullName}"))
            .Distinct()
            .ToList();
        Assert.That(Core.GetExportedTypes(), Is.Not.Empty);
        Assert.That(offenders, Is.Empty);
    }

    [Test]
    public void TheSignatureWalkSeesGenericArgumentsAndParametersAndRecognisesIlgpuTypes()
    {
        var seen = SignatureTypes(typeof(ModelSampling)).ToHashSet();
        Assert.That(seen, Does.Contain(typeof(ModelOptions)).And.Contain(typeof(CancellationToken)).And.Contain(typeof(Hmc.Native.Nn.Module<>)));
        var gpu = SignatureTypes(typeof(Hmc.Native.Gpu.GpuModelPosterior)).ToList();
        Assert.That(gpu.Any(IsIlgpu), Is.True, "the device posterior takes ILGPU views");
    }

    /// <summary>Every type named by a public or protected member of <paramref name="type"/>, its base type and interfaces, with generic arguments, element types and constraints unfolded.</summary>
    private static IEnumerable<Type> SignatureTypes(Type type)
    {
        var direct = new List<Type>();
        if (type.BaseType is { } baseType) direct.Add(baseType);
        direct.AddRange(type.GetInterfaces());
        if (type.IsGenericTypeDefinition) direct.AddRange(type.GetGenericArguments().SelectMany(a => a.GetGenericParameterConstraints()));
        foreach (var member in type.GetMembers(Visible).Where(IsVisibleOutside))
        {
            switch (member)
            {
                case FieldInfo field:
                    direct.Add(field.FieldType);
                    break;
                case PropertyInfo property:
                    direct.Add(property.PropertyType);
                    direct.AddRange(property.GetIndexParameters().Select(p => p.ParameterType));
                    break;
                case EventInfo e when e.EventHandlerType is { } handler:
                    direct.Add(handler);
                    break;
                case MethodBase method:
                    if (method is MethodInfo m) direct.Add(m.ReturnType);
                    direct.AddRange(method.GetParameters().Select(p => p.ParameterType));
                    if (method.IsGenericMethodDefinition) direct.AddRange(method.GetGenericArguments().SelectMany(a => a.GetGenericParameterConstraints()));
                    break;
                case Type nested:
                    direct.Add(nested);
                    break;
            }
        }

        return direct.SelectMany(Unfold);
    }

    private static bool IsVisibleOutside(MemberInfo member) => member switch
    {
        FieldInfo f => f.IsPublic || f.IsFamily || f.IsFamilyOrAssembly,
        MethodBase m => m.IsPublic || m.IsFamily || m.IsFamilyOrAssembly,
        PropertyInfo p => p.GetAccessors(nonPublic: true).Any(a => a.IsPublic || a.IsFamily || a.IsFamilyOrAssembly),
        EventInfo e => e.AddMethod is { } add && (add.IsPublic || add.IsFamily || add.IsFamilyOrAssembly),
        Type t => t.IsNestedPublic || t.IsNestedFamily || t.IsNestedFamORAssem,
        _ => false,
    };

    private static IEnumerable<Type> Unfold(Type type)
    {
        yield return type;
        if (type.HasElementType)
        {
            foreach (var t in Unfold(type.GetElementType()!)) yield return t;
        }

        if (type.IsGenericType && !type.IsGenericTypeDefinition)
        {
            foreach (var t in Unfold(type.GetGenericTypeDefinition())) yield return t;
            foreach (var t in type.GetGenericArguments().SelectMany(Unfold)) yield return t;
        }
    }

    private static bool IsIlgpu(Type type) =>
        !type.IsGenericParameter && (type.Assembly.GetName().Name ?? "").StartsWith("ILGPU", StringComparison.OrdinalIgnoreCase);
}
