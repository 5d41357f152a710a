package ccl.cli;
public class Main { public static void main(String[] a) throws Exception {
  try (ai.djl.ndarray.NDManager m = ai.djl.ndarray.NDManager.newBaseManager()) {
    System.out.println(m.getEngine().getEngineName()+" "+m.getEngine().getVersion());
    var x = m.randomNormal(new ai.djl.ndarray.types.Shape(1024,1024));
    long t=System.nanoTime(); for(int i=0;i<20;i++){ x.matMul(x).getFloat(0,0);} System.out.println((System.nanoTime()-t)/20e6+" ms/matmul 1024");
  }
}}
