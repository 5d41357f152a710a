package ccl.data;

/** No copy of a dataset is on disk and none of its sources could provide one. */
public class DatasetUnavailableException extends RuntimeException {

    public DatasetUnavailableException(String message) {
        super(message);
    }
}
