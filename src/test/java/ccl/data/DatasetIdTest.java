package ccl.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DatasetIdTest {

    @Test
    void configNamesRoundTrip() {
        for (DatasetId id : DatasetId.values()) {
            assertEquals(id, DatasetId.fromName(id.configName()));
            assertEquals(id.channels(), id.mean().length);
            assertEquals(id.channels(), id.std().length);
        }
        assertEquals(DatasetId.FASHION_MNIST, DatasetId.fromName("fashionmnist"));
        assertArrayEquals(new float[] {0.1307f}, DatasetId.MNIST.mean());
        assertEquals(100, DatasetId.CIFAR100.numClasses());
        assertEquals(96, DatasetId.STL10.imageSize());
    }

    @Test
    void unknownNameListsValidOnes() {
        var e = assertThrows(IllegalArgumentException.class, () -> DatasetId.fromName("ImageNet"));
        assertEquals("Unknown dataset 'ImageNet'; valid names are: MNIST, FashionMNIST, CIFAR10, CIFAR100, STL10",
                e.getMessage());
    }
}
