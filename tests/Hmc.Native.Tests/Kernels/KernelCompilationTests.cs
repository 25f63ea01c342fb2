using System.Reflection;
using Hmc.Native.Gpu;
using Hmc.Native.Kernels;
using ILGPU;
using ILGPU.Backends;
using ILGPU.Backends.EntryPoints;
using ILGPU.Backends.OpenCL;
using ILGPU.Backends.PTX;
using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;
using ILGPU.Runtime.OpenCL;

namespace Hmc.Native.Tests.Kernels;

/// <summary>
/// Compiles every kernel of Hmc.Native.Kernels, with every operation struct, to PTX and to OpenCL C with ILGPU's
/// backends. Needs no GPU: it proves that the kernels use only what the CUDA and OpenCL backends can translate
/// (the CPU accelerator runs kernels as .NET code and would not notice).
/// </summary>
public sealed class KernelCompilationTests
{
    private static readonly Type[] UnaryOperations = OperationsImplementing(typeof(IUnaryOperation));
    private static readonly Type[] BinaryOperations = OperationsImplementing(typeof(IBinaryOperation));
    private static readonly Type[] ReductionOperations = OperationsImplementing(typeof(IReduction));

    private static Type[] OperationsImplementing(Type contract) =>
        [.. typeof(IUnaryOperation).Assembly.GetTypes().Where(t => t.IsValueType && contract.IsAssignableFrom(t)).OrderBy(t => t.Name)];

    /// <summary>Every public kernel; generic ones with each operation struct for their first type parameter and the first for the rest.</summary>
    public static IEnumerable<TestCaseData> Kernels()
    {
        var classes = typeof(IUnaryOperation).Assembly.GetTypes()
            .Where(t => t.IsPublic && t.IsAbstract && t.IsSealed && t.Name.EndsWith("Kernels", StringComparison.Ordinal))
            .OrderBy(t => t.Name);
        foreach (var type in classes)
        {
            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Static).OrderBy(m => m.Name))
            {
                if (!method.IsGenericMethodDefinition)
                {
                    yield return Case(method);
                    continue;
                }

                var parameters = method.GetGenericArguments();
                foreach (var first in Candidates(parameters[0]))
                {
                    var arguments = parameters.Select((p, i) => i == 0 ? first : Candidates(p)[0]).ToArray();
                    yield return Case(method.MakeGenericMethod(arguments));
                }
            }
        }
    }

    private static Type[] Candidates(Type parameter)
    {
        var constraints = parameter.GetGenericParameterConstraints();
        if (constraints.Contains(typeof(IUnaryOperation))) return UnaryOperations;
        if (constraints.Contains(typeof(IBinaryOperation))) return BinaryOperations;
        if (constraints.Contains(typeof(IReduction))) return ReductionOperations;
        throw new InvalidOperationException($"No operation structs for type parameter {parameter.Name}.");
    }

    private static TestCaseData Case(MethodInfo kernel)
    {
        string name = kernel.DeclaringType!.Name + "." + kernel.Name +
            (kernel.IsGenericMethod ? "<" + string.Join(",", kernel.GetGenericArguments().Select(t => t.Name)) + ">" : "");
        return new TestCaseData(kernel).SetArgDisplayNames(name);
    }

    private static EntryPointDescription EntryPoint(MethodInfo kernel)
    {
        var first = kernel.GetParameters()[0].ParameterType;
        bool implicitlyGrouped = first == typeof(Index1D) || first == typeof(Index2D) || first == typeof(Index3D);
        return implicitlyGrouped
            ? EntryPointDescription.FromImplicitlyGroupedKernel(kernel)
            : EntryPointDescription.FromExplicitlyGroupedKernel(kernel);
    }

    [Test]
    public void EveryKernelFamilyIsCovered()
    {
        var families = Kernels().Select(c => ((MethodInfo)c.Arguments[0]!).DeclaringType!.Name).Distinct().ToArray();
        Assert.That(families, Is.EquivalentTo(new[]
        {
            nameof(Conv2dKernels), nameof(CrossEntropyKernels), nameof(ElementwiseKernels), nameof(Im2ColKernels), nameof(LeapfrogKernels),
            nameof(MatmulKernels), nameof(MaxPool2dKernels), nameof(MetropolisKernels), nameof(MomentumKernels), nameof(ReductionKernels), nameof(SoftmaxKernels),
        }));
    }

    [TestCaseSource(nameof(Kernels))]
    public void CompilesToPtx(MethodInfo kernel)
    {
        using var backend = new PTXBackend(
            GpuContext.Shared.Context, new CudaCapabilityContext(CudaArchitecture.SM_90), CudaArchitecture.SM_90, CudaInstructionSet.ISA_80, null);
        var compiled = (PTXCompiledKernel)backend.Compile(EntryPoint(kernel), default);
        Assert.That(compiled.PTXAssembly, Does.Contain(".target sm_").And.Contain(".entry Kernel_"));
    }

    /// <summary>
    /// OpenCL C without optional capabilities, except double precision (cl_khr_fp64) for the Metropolis kernels,
    /// which combine the energies in double as the device HMC requires.
    /// </summary>
    [TestCaseSource(nameof(Kernels))]
    public void CompilesToOpenCl(MethodInfo kernel)
    {
        bool float64 = kernel.DeclaringType == typeof(MetropolisKernels);
        using var backend = new CLBackend(
            GpuContext.Shared.Context, new CLCapabilityContext(false, float64, false, false, false), CLDeviceVendor.Other, CLCVersion.CL20);
        var compiled = (CLCompiledKernel)backend.Compile(EntryPoint(kernel), default);
        Assert.That(compiled.Source, Does.Contain("kernel"));
    }
}
